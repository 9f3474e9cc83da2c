import { monitoringMetrics } from "#monitoring/api/metrics";
import type { CreatedEventView, EventInput } from "#monitoring/api/schemas";
import { alertViewOf, createdEventViewOf } from "#monitoring/api/views";
import { decideEvent } from "#monitoring/core/event-decision";
import { RETRY_BUDGET_MS, type UserRecord } from "#monitoring/core/records";
import { MONITORING_IDEMPOTENCY_SCOPE } from "#monitoring/store/keys";
import {
  afterLostWrites,
  type EventEntry,
  readUserRecord,
  storeEvents,
} from "#monitoring/store/user-history";
import { nowIso } from "#platform/clock";
import { DomainError } from "#platform/errors";
import { type IdempotentResult, once, type RecordItems } from "#platform/idempotency/once";
import type { StoredResponse } from "#platform/idempotency/record";
import { countMetric } from "#platform/observability/invocation-metrics";
import { type Job, type Lane, Turns } from "#platform/turns";
import { carriedWebhookEvent } from "#webhooks";

// A user's events are judged in turn inside this process (#platform/turns), and the events
// waiting when a turn starts are judged one after another in it and stored in one write
// (group commit): one process never races itself (before, 32 events of one user
// sent at once lost to each other round after round and took longer than the same 32 sent one
// after another). Another process (another Lambda instance) or a level change may still take
// the next entry's number first: the turn is handed that entry (the state after it) by its
// failed condition and judged again at once, without sleeping (a loser that slept would wake to
// a state that moved on again; `afterLostWrites` says on which state). A request gives up
// (503 with Retry-After, nothing stored) once its budget is spent, counted from before it
// queued and spent waiting for its turn or trying: no try for it starts after it. The same
// budget everywhere: on AWS the last request started may run its course (the SDK's tries at
// 1.5 s timeouts, ~6 s), so 3 s + 6 s + 1 s for the rest stays within the function's 10 s
// timeout. The budget is elapsed time, measured by the process's own clock (`Date.now()`), not
// the service's "now" (`#platform/clock`), which a test may hold still. A level change has the
// same budget.

/**
 * Events per write at most: one entry each in a transaction (a keyed event goes alone, with its
 * key's record), within DynamoDB's 100.
 */
const MAX_BATCH = 33;

/**
 * An event waiting for its user's turn, with its Idempotency-Key's record items. A keyed event
 * is stored in a transaction of its own: a duplicate's failed record condition then answers it
 * alone (with the first answer), never the events queued beside it.
 */
type QueuedEvent = Job<{ input: EventInput; records: RecordItems; keyed: boolean }, EventAnswer>;
type EventAnswer = StoredResponse & { body: CreatedEventView };

/**
 * Serves one turn of a user: the queued events judged one after another on the state the one
 * before leaves, stored in one write, each numbered after the entry the turn started from.
 * An out-of-order event is answered 409 once the events before it are stored (it was judged on
 * them). A lost race is judged again at once on the state handed back; an event past its
 * budget is answered 503 (nothing stored) before the next try.
 */
async function serveTurn(key: string, jobs: QueuedEvent[], lane: Lane<UserRecord>) {
  const userId = Number(key);
  let record = lane.memory ?? (await readUserRecord(userId));
  let open = jobs;
  const judgeAgainOn = afterLostWrites(userId);
  while (open.length > 0) {
    let running = record;
    // Each judged event as the store writes it, with its job and answer.
    const stored: (EventEntry & { job: QueuedEvent; response: EventAnswer })[] = [];
    const refused: { job: QueuedEvent; error: DomainError }[] = [];
    for (const job of open) {
      // A keyed event goes alone: it waits for the next write if others are taken.
      if (job.item.keyed && stored.length > 0) break;
      const { type, amount, time } = job.item.input;
      const decision = decideEvent(running, { type, amountCents: amount, time }, nowIso());
      if (decision.outcome === "out_of_order") {
        refused.push({ job, error: outOfOrder(decision.latestTime) });
        continue;
      }
      if (decision.outcome === "too_far_ahead") {
        refused.push({ job, error: tooFarAhead(decision.latestAllowed) });
        continue;
      }
      const body = createdEventViewOf(decision.event);
      const response = { status: 201, headers: { location: `/v1/events/${body.event_id}` }, body };
      const { alert } = decision;
      stored.push({
        job,
        event: decision.event,
        alert,
        record: decision.nextRecord,
        response,
        // An alert's webhook event is its entry's too: written by the entry's one write.
        ...(alert && {
          webhookEvent: carriedWebhookEvent(
            "monitoring.alert.raised",
            alertViewOf(alert),
            alert.createdAt,
          ),
        }),
        // The key's record commits with the event or not at all.
        alongside: job.item.records(response),
      });
      running = decision.nextRecord;
      if (job.item.keyed) break;
    }
    const answerRefusals = () => {
      for (const { job, error } of refused) job.settle({ error });
    };
    if (stored.length === 0) {
      answerRefusals();
      return;
    }
    const result = await storeEvents(stored);
    if (result.stored) {
      lane.memory = running;
      for (const { job, event, response } of stored) {
        for (const code of event.alertCodes)
          countMetric(monitoringMetrics.AlertsRaised, { code: String(code) });
        job.settle({ ran: true, value: response });
      }
      answerRefusals();
      // The jobs left behind a keyed one take the next write.
      const done = new Set([...stored, ...refused].map(({ job }) => job));
      open = open.filter((job) => !done.has(job));
      record = running;
      if (open.length === 0) return;
      continue;
    }
    record = await judgeAgainOn(result);
    lane.memory = record;
    // Past its budget an event is told to come back; nothing of it was stored.
    const now = Date.now();
    open = open.filter((job) => {
      if (now < job.deadline) return true;
      job.settle({ ran: false });
      return false;
    });
  }
}

/**
 * A lane keeps the state its last turn committed after it empties (for the 1,000 users heard
 * from last), and the next turn judges on it without reading: a user's next event is then one
 * write. The entry's condition still decides: when another writer (a level change, another
 * instance) took the number, the write fails and hands its entry back, and the events are judged
 * again on it. A refusal judged on an old state holds on the newer one too: a user's latest
 * time only grows and the first never changes.
 */
const KEPT_USERS = 1_000;
const userTurns = new Turns<QueuedEvent["item"], EventAnswer, UserRecord>(
  MAX_BATCH,
  serveTurn,
  KEPT_USERS,
);

const outOfOrder = (latestTime: number | null) =>
  new DomainError(
    "out_of_order",
    `The user's latest event is at time ${latestTime}; this one is older`,
  );

const tooFarAhead = (latestAllowed: number) =>
  DomainError.invalid([
    {
      path: "time",
      message: `must be at most ${latestAllowed}: 10 years past the user's first event`,
    },
  ]);

/**
 * Judges an event against the user's rules and stores it, with its alert, as the next entry of
 * the user's history (the entry carries an alert's webhook event): one write per turn, a
 * conditional PutItem (a TransactWriteItems when the turn stores several events or a key's record
 * commits with it), and a Query of the latest entry before it when the process does not know the
 * user, whatever the history. Concurrent events of a user are
 * judged one by one in commit order. Throws 409 `out_of_order` (storing nothing) for an event
 * older than the user's latest, 422 for one more than 10 years past the user's first; 503 when
 * the budget runs out. With an `Idempotency-Key`, at most once per key: the key's record joins
 * the event's write.
 */
export function recordEvent(
  input: EventInput,
  idempotencyKey?: string,
): Promise<IdempotentResult<CreatedEventView>> {
  const request = {
    scope: MONITORING_IDEMPOTENCY_SCOPE,
    key: idempotencyKey,
    operation: "monitoring.record_event",
    input,
  };
  return once(request, async (records) => {
    const deadline = Date.now() + RETRY_BUDGET_MS;
    const item = { input, records, keyed: idempotencyKey !== undefined };
    const turn = await userTurns.submit(String(input.user_id), item, deadline);
    // Not the request's fault: the user's events pile up faster than they commit. Try later.
    if (!turn.ran) throw DomainError.busy();
    return turn.value;
  });
}
