// Crash and restart: mixed traffic (ticket claims, ledger postings with SMS notifications, coupon
// redemptions, monitoring events) against `npm start` on its own DATA_DIR and port.
// 1. Stopped gracefully under load (Ctrl-C: SIGINT to the whole group; then SIGTERM to `npm
//    start` alone) and restarted on the same DATA_DIR: every 2xx a client received is still there.
// 2. Killed with SIGKILL at a random moment, all of it at once (the API, DynamoDB Local and its
//    watchdog: the whole process group, as a power cut would), restarted, several times.
//    DynamoDB Local may lose the last transactions it acknowledged before a SIGKILL (measured on
//    bare DynamoDB Local: 2 of 398 TransactWriteItems under 16 writers and 5 kills; AWS DynamoDB
//    does not): the test counts and prints them, and asserts every invariant still holds (no
//    half transaction, every count agrees with what is stored).
import { execFileSync } from "node:child_process";
import { randomInt, randomUUID } from "node:crypto";
import { afterAll, describe, expect, it } from "vitest";
import type { EventView } from "#monitoring/api/schemas";
import { crashableServers, killGroup } from "../support/crashable-server";
import { type RawResponse, sendRaw } from "../support/fuzz/http";
import { replayCodes } from "../support/monitoring";

const KILLS = Number(process.env.CRASH_KILLS) || 3;
const CLIENTS = 8;
const servers = crashableServers("crash");

afterAll(() => servers.cleanUp());

function dynamoDbLocalRunning(port: string): boolean {
  try {
    return execFileSync("pgrep", ["-f", `DynamoDBLocal.jar -port ${port} `]).toString() !== "";
  } catch {
    return false;
  }
}

async function eventually(check: () => boolean | Promise<boolean>, timeoutMs = 30_000) {
  const deadline = Date.now() + timeoutMs;
  while (!(await check()) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 200));
  return check();
}

const MANAGER = "127.0.0.1";

function client(url: () => string) {
  return (
    method: string,
    path: string,
    options: { body?: unknown; headers?: Record<string, string>; from?: string } = {},
  ): Promise<RawResponse> =>
    sendRaw(url(), {
      method,
      path,
      from: options.from ?? MANAGER,
      headers: {
        ...(options.body === undefined ? {} : { "content-type": "application/json" }),
        ...options.headers,
      },
      ...(options.body === undefined ? {} : { body: Buffer.from(JSON.stringify(options.body)) }),
    });
}

/** A client's retry of a 503 (the store busy under a loaded machine), as a real client does. */
async function patiently(send: () => Promise<RawResponse>): Promise<RawResponse> {
  for (let attempt = 0; ; attempt++) {
    const answer = await send();
    if (answer.status !== 503 || attempt === 10) return answer;
    await new Promise((r) => setTimeout(r, 200 * (attempt + 1)));
  }
}

async function ok(answer: Promise<RawResponse>, status = 201) {
  const got = await answer;
  if (got.status !== status) throw new Error(`setup answered ${got.status}: ${got.text}`);
  return got.body as Record<string, unknown>;
}

async function allPages(send: ReturnType<typeof client>, path: string, headers = {}) {
  const items: Record<string, unknown>[] = [];
  let cursor: string | undefined;
  do {
    const separator = path.includes("?") ? "&" : "?";
    const page = await patiently(() =>
      send("GET", `${path}${separator}limit=100${cursor ? `&cursor=${cursor}` : ""}`, { headers }),
    );
    expect(page.status, page.text).toBe(200);
    const body = page.body as { items: Record<string, unknown>[]; next_cursor: string | null };
    items.push(...body.items);
    cursor = body.next_cursor ?? undefined;
  } while (cursor);
  return items;
}

describe("crash and restart", () => {
  it(`loses nothing acknowledged to Ctrl-C or SIGTERM; ${KILLS} SIGKILLs break no invariant`, {
    timeout: 900_000,
  }, async () => {
    let server = await servers.start();
    const send = client(() => server.url);

    // The world the traffic works on, built through the API.
    const raffle = await ok(
      send("POST", "/v1/raffles", {
        body: { name: "Crash", total_tickets: 100_000, prizes: [{ name: "Mug", quantity: 1 }] },
      }),
    );
    const registered = await ok(
      send("POST", "/v1/accounts", {
        body: {
          email: `crash.${randomUUID()}@example.com`,
          password: `pw-${randomUUID()}`,
          name: "Crash",
          phone: "+41446681800",
        },
      }),
    );
    const accountId = registered.id as string;
    const holders: { id: string; auth: Record<string, string> }[] = [];
    for (let i = 0; i < 12; i++) {
      const email = `crash.${randomUUID()}@example.com`;
      const password = `pw-${randomUUID()}`;
      const account = await ok(
        send("POST", "/v1/accounts", { body: { email, password, name: "Holder" } }),
      );
      const session = await ok(send("POST", "/v1/sessions", { body: { email, password } }));
      holders.push({
        id: account.id as string,
        auth: { authorization: `Bearer ${session.token}` },
      });
    }
    const MAX_REDEMPTIONS = 8;
    const coupon = await ok(
      send("POST", "/v1/coupons", {
        body: {
          code: "CRASH",
          title: "Crash",
          merchant: `Crash ${randomUUID()}`,
          store: {
            street: "1 Pike St",
            city: "Seattle",
            state: "WA",
            zip: "98101",
            phone: "+1 206 555 0100",
            lat: 47.6,
            long: -122.3,
          },
          published_at: new Date(Date.now() - 3_600_000).toISOString(),
          expire_at: new Date(Date.now() + 86_400_000).toISOString(),
          max_redemptions: MAX_REDEMPTIONS,
          per_account_limit: 1,
        },
      }),
    );
    const users = [7001, 7002, 7003];
    const clock = new Map(users.map((u) => [u, 0]));

    // What the clients were told (2xx), and what they never heard back about.
    const acked = {
      tickets: [] as { from: string; number: number; code: string }[],
      postings: new Map<string, { id: string; amount: string }>(),
      redemptions: [] as { account: string; id: string }[],
      events: [] as string[],
    };
    const unanswered = new Map<string, { type: string; amount: string }>();
    const statuses = new Map<string, number>();
    const tally = (answer: RawResponse) => {
      const code = (answer.body as { code?: string } | undefined)?.code;
      const name = `${answer.status}${code ? ` ${code}` : ""}`;
      statuses.set(name, (statuses.get(name) ?? 0) + 1);
      return answer;
    };
    let requests = 0;
    let cutOff = 0;
    let address = 256;

    const operations = [
      async () => {
        address++;
        const from = `127.${(address >> 16) & 255}.${(address >> 8) & 255}.${address & 255}`;
        const answer = tally(await send("POST", `/v1/raffles/${raffle.id}/tickets`, { from }));
        if (answer.status === 201) {
          const body = answer.body as { ticket_number: number; verification_code: string };
          acked.tickets.push({ from, number: body.ticket_number, code: body.verification_code });
        }
      },
      async () => {
        const key = randomUUID();
        const body = { type: "credit", amount: `${randomInt(1, 100)}.${randomInt(10, 100)}` };
        unanswered.set(key, body);
        const answer = tally(
          await send("POST", `/v1/accounts/${accountId}/transactions`, {
            body,
            headers: { "Idempotency-Key": key },
          }),
        );
        if (answer.status === 201) {
          acked.postings.set(key, { id: (answer.body as { id: string }).id, amount: body.amount });
        }
        if (answer.status !== 503) unanswered.delete(key);
      },
      async () => {
        const holder = holders[randomInt(holders.length)] as (typeof holders)[number];
        const answer = tally(
          await send("POST", `/v1/coupons/${coupon.id}/redemptions`, { headers: holder.auth }),
        );
        if (answer.status === 201) {
          acked.redemptions.push({ account: holder.id, id: (answer.body as { id: string }).id });
        }
      },
      async () => {
        const sendEvent = async (body: unknown) =>
          tally(await send("POST", "/v1/events", { body }));
        const user = users[randomInt(users.length)] as number;
        const time = (clock.get(user) ?? 0) + 1;
        clock.set(user, time);
        const answer = await sendEvent({
          type: randomInt(3) === 0 ? "withdraw" : "deposit",
          amount: `${randomInt(1, 200)}.00`,
          user_id: user,
          time,
        });
        if (answer.status === 201)
          acked.events.push((answer.body as { event_id: string }).event_id);
      },
    ];

    /** Clients send until the server dies under them. */
    async function traffic(until: { dead: boolean }) {
      await Promise.all(
        Array.from({ length: CLIENTS }, async () => {
          while (!until.dead) {
            requests++;
            try {
              await (operations[randomInt(operations.length)] as () => Promise<void>)();
            } catch {
              // The connection died with the server: the client never heard back.
              cutOff++;
            }
          }
        }),
      );
    }

    /** Stops the server with `signal` (to its whole group or the process alone), waits, restarts. */
    async function stopAndRestart(signal: NodeJS.Signals, whole: boolean) {
      const { child, dynamoPort } = server;
      if (whole) killGroup(child, signal);
      else child.kill(signal);
      expect(await eventually(() => child.exitCode !== null || child.signalCode !== null)).toBe(
        true,
      );
      expect(await eventually(() => !dynamoDbLocalRunning(dynamoPort))).toBe(true);
      server = await servers.start();
    }

    /** Runs traffic for a random 1.5–5 s, then stops the server under it and restarts it. */
    async function loadThen(signal: NodeJS.Signals, whole: boolean) {
      const until = { dead: false };
      const load = traffic(until);
      await new Promise((r) => setTimeout(r, randomInt(1_500, 5_000)));
      const stopped = stopAndRestart(signal, whole);
      // A graceful stop answers what is in flight; the clients stop once it is asked to.
      until.dead = true;
      await load;
      await stopped;
    }

    /** The acknowledged writes (keys: ticket numbers, posting keys, redemption and event ids) not found now. */
    async function missing() {
      const tickets: (typeof acked.tickets)[number][] = [];
      for (const ticket of acked.tickets) {
        const verified = await patiently(() =>
          send("POST", `/v1/raffles/${raffle.id}/tickets/${ticket.number}/verify`, {
            body: { verification_code: ticket.code },
          }),
        );
        if (verified.status !== 200) tickets.push(ticket);
      }
      const history = await allPages(send, `/v1/accounts/${accountId}/transactions`);
      const postings = [...acked.postings]
        .filter(([, posting]) => !history.some((t) => t.id === posting.id))
        .map(([key]) => key);
      const listed = await allPages(send, `/v1/coupons/${coupon.id}/redemptions`);
      const redemptions = acked.redemptions
        .filter((r) => !listed.some((l) => l.id === r.id))
        .map((r) => r.id);
      const stored = new Set<unknown>();
      for (const user of users) {
        for (const e of await allPages(send, `/v1/users/${user}/events`)) stored.add(e.event_id);
      }
      const events = acked.events.filter((id) => !stored.has(id));
      return { tickets, postings, redemptions, events };
    }
    const total = (lost: Awaited<ReturnType<typeof missing>>) =>
      Object.values(lost).reduce((sum, list) => sum + list.length, 0);
    const ackedCount = () =>
      acked.tickets.length + acked.postings.size + acked.redemptions.length + acked.events.length;

    // 1. Ctrl-C (SIGINT to the group), then SIGTERM to `npm start` alone, each under load.
    await loadThen("SIGINT", true);
    await loadThen("SIGTERM", false);
    const afterGraceful = await missing();
    const gracefulAcked = ackedCount();
    console.info(
      `crash test: SIGINT + SIGTERM under load lost ${total(afterGraceful)} of ${gracefulAcked} ` +
        "acknowledged writes",
    );
    expect(afterGraceful).toEqual({ tickets: [], postings: [], redemptions: [], events: [] });

    // 2. SIGKILLs of the whole group.
    for (let kill = 0; kill < KILLS; kill++) await loadThen("SIGKILL", true);

    console.info(`crash test answers: ${JSON.stringify(Object.fromEntries(statuses))}`);
    // A store killed under a request is "try again" (503), never a fault of ours.
    const faults = [...statuses.keys()].filter((s) => s.startsWith("5") && !s.startsWith("503"));
    expect(faults).toEqual([]);
    // The postings whose answer was lost are sent again with their key: each is applied once.
    for (const [key, body] of unanswered) {
      const answer = await patiently(() =>
        send("POST", `/v1/accounts/${accountId}/transactions`, {
          body,
          headers: { "Idempotency-Key": key },
        }),
      );
      expect([200, 201], answer.text).toContain(answer.status);
      acked.postings.set(key, { id: (answer.body as { id: string }).id, amount: body.amount });
    }
    const lost = await missing();
    const lostTotal = total(lost);
    console.info(
      `crash test: ${KILLS} SIGKILLs lost ${lostTotal} of ${ackedCount()} acknowledged writes ` +
        `(tickets ${lost.tickets.length}/${acked.tickets.length}, postings ` +
        `${lost.postings.length}/${acked.postings.size}, redemptions ` +
        `${lost.redemptions.length}/${acked.redemptions.length}, events ` +
        `${lost.events.length}/${acked.events.length}); DynamoDB Local can lose its last ` +
        "acknowledged transactions to a SIGKILL, AWS DynamoDB does not",
    );
    // Only DynamoDB Local's last transactions before a kill: a handful, never a sizeable share.
    expect(lostTotal).toBeLessThanOrEqual(Math.max(5, Math.ceil(ackedCount() * 0.05)));

    // Tickets: none stored twice; every stored one verifies and locks its player; a lost one
    // took its player's lock and its shard's count with it (no half transaction): that player
    // can claim again, and its number may have gone to a later claim (acknowledged, stored).
    const numbers = acked.tickets.filter((t) => !lost.tickets.includes(t)).map((t) => t.number);
    expect(new Set(numbers).size).toBe(numbers.length);
    const read = await patiently(() => send("GET", `/v1/raffles/${raffle.id}`));
    const claimed = 100_000 - (read.body as { tickets_remaining: number }).tickets_remaining;
    expect(claimed).toBeGreaterThanOrEqual(acked.tickets.length - lost.tickets.length);
    for (const ticket of acked.tickets) {
      const again = await patiently(() =>
        send("POST", `/v1/raffles/${raffle.id}/tickets`, { from: ticket.from }),
      );
      if (lost.tickets.includes(ticket)) expect(again.status, again.text).toBe(201);
      else expect((again.body as { code?: string }).code).toBe("already_participated");
    }

    // Ledger: each key once, the balance the sum of what is stored, every stored posting's SMS
    // there and sent; a lost posting took its SMS with it.
    const history = await allPages(send, `/v1/accounts/${accountId}/transactions`);
    const ids = history.map((t) => t.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(history).toHaveLength(acked.postings.size - lost.postings.length);
    const cents = (amount: unknown) => Math.round(Number(amount) * 100);
    const balance = history.reduce((sum, t) => sum + cents(t.amount), 0);
    const analytics = await patiently(() => send("GET", `/v1/accounts/${accountId}/analytics`));
    expect(cents((analytics.body as { balance: string }).balance)).toBe(balance);
    for (const posting of history) {
      const id = `nt_${accountId}_${posting.id}`;
      const sent = await eventually(async () => {
        const answer = await send("GET", `/v1/notifications/${id}`);
        return (answer.body as { status?: string }).status === "sent";
      }, 120_000);
      expect(sent, `notification ${id} sent`).toBe(true);
    }
    for (const key of lost.postings) {
      const id = `nt_${accountId}_${acked.postings.get(key)?.id}`;
      expect((await patiently(() => send("GET", `/v1/notifications/${id}`))).status).toBe(404);
    }

    // Coupon: never over its limit, no account twice, its count what is listed.
    const redemptions = await allPages(send, `/v1/coupons/${coupon.id}/redemptions`);
    expect(redemptions.length).toBeLessThanOrEqual(MAX_REDEMPTIONS);
    expect(new Set(redemptions.map((r) => r.account_id)).size).toBe(redemptions.length);
    const couponRead = await patiently(() => send("GET", `/v1/coupons/${coupon.id}`));
    expect((couponRead.body as { redemption_count: number }).redemption_count).toBe(
      redemptions.length,
    );

    // Monitoring: each user's alerts replay from the events stored.
    for (const user of users) {
      const events = (await allPages(send, `/v1/users/${user}/events`)) as unknown as EventView[];
      expect(events.map((e) => e.alert_codes)).toEqual(replayCodes(events));
    }

    console.info(
      `crash test: ${KILLS} SIGKILLs survived, ${requests} requests (${cutOff} cut off), ` +
        `checked ${acked.tickets.length} tickets, ${acked.postings.size} postings and their SMS, ` +
        `${acked.redemptions.length} redemptions, ${acked.events.length} events`,
    );

    const { child, dynamoPort } = server;
    child.kill("SIGTERM");
    expect(await eventually(() => child.exitCode !== null)).toBe(true);
    expect(await eventually(() => !dynamoDbLocalRunning(dynamoPort))).toBe(true);
  });
});
