// Monitoring figures: 32 events of one user sent at once next to the same sent one after
// another; events/s through the handlers at concurrency 32 over 100 users, and the DynamoDB
// requests per event for a user with 10 and with 10,000 prior events.
import type { EventInput } from "#monitoring/api/schemas";
import { formatCents } from "#monitoring/core/amount";
import { decideEvent } from "#monitoring/core/event-decision";
import { newUserRecord } from "#monitoring/core/records";
import { toEventEntry } from "#monitoring/store/entry-item";
import { nowIso } from "#platform/clock";
import { batchPutAll } from "#platform/db/batches";
import { requestCounter } from "#platform/db/client";
import { handler as createEvent } from "../functions/monitoring/create-event";
import { lambdaEvent } from "../test/support/lambda-event";
import { seededRandom } from "../test/support/monitoring-reference";
import { median, quantile, runConcurrently } from "./stats";

const USERS = 100;
const CONCURRENCY = 32;
const WARM_UP_PER_USER = 10;
const MEASURED_PER_USER = 20;
const HISTORY_PROBE_EVENTS = 200;
// Seconds between a user's events: rule 500 then fires on bursts only, not on every event.
const SPACING = 20;

const random = seededRandom(42);
/** A plausible event: mostly small amounts, some large, both types. */
const someEvent = (userId: number, time: number): EventInput => ({
  type: random.next() < 0.6 ? "deposit" : "withdraw",
  amount: random.int(1, 150) * 100 + random.int(0, 99),
  user_id: userId,
  time,
});

/** Posts one event through the `POST /v1/events` handler; returns status and milliseconds. */
async function post(event: EventInput) {
  const body = { ...event, amount: formatCents(event.amount) };
  const started = performance.now();
  // From a manager's address (the bench's MANAGER_CIDRS): events are a manager route.
  const request = lambdaEvent({ method: "POST", path: "/v1/events", body, sourceIp: "127.0.0.1" });
  const result = await createEvent(request, { awsRequestId: "bench" });
  const status = result.statusCode ?? 0;
  // A refused door measures nothing: stop rather than print figures of 403s.
  if (status === 401 || status === 403) throw new Error(`POST /v1/events answered ${status}`);
  return { status, ms: performance.now() - started };
}

/** Events in rounds over the users: each user's times rise from round to round. */
const rounds = (userIds: number[], from: number, count: number) =>
  Array.from({ length: count }, (_, round) =>
    userIds.map((u) => someEvent(u, (from + round) * SPACING)),
  ).flat();

async function throughput(userIds: number[], events: EventInput[]) {
  const statuses: Record<number, number> = {};
  const times: number[] = [];
  requestCounter.reset();
  const started = performance.now();
  await runConcurrently(events, CONCURRENCY, async (event) => {
    const { status, ms } = await post(event);
    statuses[status] = (statuses[status] ?? 0) + 1;
    times.push(ms);
  });
  const seconds = (performance.now() - started) / 1000;
  return {
    users: userIds.length,
    events: events.length,
    "events/s": Math.round(events.length / seconds),
    "p50 ms": Number(median(times).toFixed(1)),
    "p99 ms": Number(quantile(times, 0.99).toFixed(1)),
    "requests/event": Number((requestCounter.total / events.length).toFixed(2)),
    statuses: JSON.stringify(statuses),
  };
}

/** Gives a user `count` prior events quickly: judged and built into entries by the domain's own
 * code, written with BatchWriteItem — what the handlers would have stored. */
async function seedHistory(userId: number, count: number) {
  let record = newUserRecord(userId);
  const items: Record<string, unknown>[] = [];
  let alerts = 0;
  for (let i = 0; i < count; i++) {
    const { type, amount, time } = someEvent(userId, i * SPACING);
    const decision = decideEvent(record, { type, amountCents: amount, time }, nowIso());
    if (decision.outcome !== "record") throw new Error("seeded events are in order");
    items.push(toEventEntry(decision.event, decision.alert, decision.nextRecord));
    if (decision.alert) alerts++;
    record = decision.nextRecord;
  }
  await batchPutAll(items);
  return { alerts, lastTime: record.rules.lastTime ?? 0 };
}

/** Requests and latency of events posted one after another for one user. */
async function probeUser(label: string, userId: number, fromTime: number) {
  const times: number[] = [];
  const perEvent = new Set<string>();
  let total = 0;
  for (let i = 0; i < HISTORY_PROBE_EVENTS; i++) {
    requestCounter.reset();
    const { status, ms } = await post(someEvent(userId, fromTime + i * SPACING));
    if (status !== 201) throw new Error(`${label}: status ${status}`);
    times.push(ms);
    total += requestCounter.total;
    perEvent.add(JSON.stringify(requestCounter.byCommand));
  }
  return {
    user: label,
    "events posted": HISTORY_PROBE_EVENTS,
    "requests/event": Number((total / HISTORY_PROBE_EVENTS).toFixed(2)),
    "requests by command": [...perEvent].join(" "),
    "p50 ms": Number(median(times).toFixed(1)),
    "p99 ms": Number(quantile(times, 0.99).toFixed(1)),
  };
}

const BURST = 32;

/** `BURST` events of one new user, all at once or one after another: time, requests, statuses. */
async function burst(userId: number, atOnce: boolean) {
  const events = Array.from({ length: BURST }, () => someEvent(userId, 1_000));
  const statuses: Record<number, number> = {};
  requestCounter.reset();
  const started = performance.now();
  if (atOnce) {
    for (const { status } of await Promise.all(events.map(post)))
      statuses[status] = (statuses[status] ?? 0) + 1;
  } else {
    for (const event of events) {
      const { status } = await post(event);
      statuses[status] = (statuses[status] ?? 0) + 1;
    }
  }
  return {
    sent: atOnce ? "all at once" : "one after another",
    "total ms": Number((performance.now() - started).toFixed(0)),
    "writes/event": Number(
      (
        ((requestCounter.byCommand.TransactWriteItemsCommand ?? 0) +
          (requestCounter.byCommand.PutItemCommand ?? 0)) /
        BURST
      ).toFixed(2),
    ),
    "requests/event": Number((requestCounter.total / BURST).toFixed(2)),
    statuses: JSON.stringify(statuses),
  };
}

/** Prints the monitoring figures. */
export default async function monitoring() {
  console.log(
    `${BURST} events of one user (same time), sent at once vs one after another (target: at once finishes no later):`,
  );
  const rows = [];
  for (let run = 0; run < 2; run++) {
    rows.push(await burst(3_000_000 + 2 * run, false), await burst(3_000_001 + 2 * run, true));
  }
  console.table(rows);

  const userIds = Array.from({ length: USERS }, (_, i) => 1_000_000 + i);
  const warmUp = await throughput(userIds, rounds(userIds, 0, WARM_UP_PER_USER));
  const measured = await throughput(userIds, rounds(userIds, WARM_UP_PER_USER, MEASURED_PER_USER));
  console.log(
    `Events through the POST /v1/events handler, concurrency ${CONCURRENCY}, ${USERS} users:`,
  );
  console.table([
    { run: `warm-up (users' first ${WARM_UP_PER_USER})`, ...warmUp },
    { run: `measured (${WARM_UP_PER_USER} prior each)`, ...measured },
  ]);

  const small = 2_000_000;
  for (let i = 0; i < 10; i++) await post(someEvent(small, i * SPACING));
  const large = 2_000_001;
  const seedStarted = performance.now();
  const seeded = await seedHistory(large, 10_000);
  console.log(
    `\nSeeded 10,000 prior events (${seeded.alerts} with alerts) in ` +
      `${((performance.now() - seedStarted) / 1000).toFixed(1)} s; then ` +
      `${HISTORY_PROBE_EVENTS} events one after another for each user:`,
  );
  console.table([
    await probeUser("10 prior events", small, 10 * SPACING),
    await probeUser("10,000 prior events", large, seeded.lastTime),
  ]);
}
