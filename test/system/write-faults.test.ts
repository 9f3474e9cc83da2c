// Every write route under every fault DynamoDB can throw at it, over real HTTP: throttling, a
// transaction conflict, a timeout before the request reaches DynamoDB, and a timeout AFTER it
// committed. Once (the SDK's and our own retries absorb it) and until the store recovers (the
// client sees 503 and tries again). After the client's retries, every invariant still holds.
import { randomUUID } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { accountKeys } from "#accounts/store/keys";
import { createCouponRoute } from "#coupons/api/routes";
import { valueKey } from "#coupons/core/value-key";
import { postingRetryBudget } from "#ledger/post-transaction";
import { keyedHash } from "#platform/crypto/hash-key";
import { raffleKeys } from "#raffles/store/keys";
import { useBeaconClockAhead } from "../support/beacon-clock";
import { couponListingsSettled } from "../support/coupon-listings-runner";
import { type Fault, faults, type Injection, injectFaults } from "../support/faults";
import { type HttpResponse, useTestGateway } from "../support/gateway";
import { expectLedgerConsistent } from "../support/ledger";
import { replayCodes, storedEvents } from "../support/monitoring";
import { putNotification } from "../support/notifications";
import { scanTable } from "../support/table-scan";

const gateway = useTestGateway();
useBeaconClockAhead();

let injection: Injection | undefined;
const postingBudget = postingRetryBudget.ms;
afterEach(() => {
  injection?.recover();
  postingRetryBudget.ms = postingBudget;
});

type Mode = "once" | "until recovered";
const modes: Mode[] = ["once", "until recovered"];

/** Starts the fault: for one write, or for every write until the client has seen a 503. */
function inject(fault: Fault, mode: Mode, commands?: string[]) {
  injection = injectFaults({
    fault,
    ...(commands ? { commands } : {}),
    ...(mode === "once" ? { times: 1 } : {}),
  });
  return injection;
}

/**
 * A client that retries on 503 (with its Retry-After honoured as "soon"): the store recovers
 * after the first 503. Returns every answer, the last one final.
 */
async function asClient(request: () => Promise<HttpResponse>): Promise<HttpResponse[]> {
  const answers: HttpResponse[] = [];
  for (let attempt = 0; attempt < 4; attempt++) {
    const answer = await request();
    answers.push(answer);
    if (answer.status !== 503) return answers;
    expect(answer.headers["retry-after"]).toBeDefined();
    injection?.recover();
  }
  throw new Error(`Still 503 after ${answers.length} attempts`);
}

const final = (answers: HttpResponse[]) => answers.at(-1) as HttpResponse;
/** Whether a request of the client's was carried out although its answer was lost. */
const lostCommit = () => (injection?.committed() ?? 0) > 0;

const combos = faults.flatMap((fault) => modes.map((mode) => ({ fault, mode })));
const PLAYERS = ["127.0.0.11", "127.0.0.12", "127.0.0.13"];

async function newHolder(phone?: string) {
  const email = `faults.${randomUUID()}@example.com`;
  const password = `pw-${randomUUID()}`;
  const registered = await gateway.send("POST", "/v1/accounts", {
    body: { email, password, name: "Faulty", ...(phone ? { phone } : {}) },
  });
  expect(registered.status).toBe(201);
  const session = await gateway.send("POST", "/v1/sessions", { body: { email, password } });
  expect(session.status).toBe(201);
  return {
    id: registered.body.id as string,
    email,
    password,
    auth: { authorization: `Bearer ${session.body.token}` },
  };
}

async function loginThrottleAttempts(email: string) {
  const items = await scanTable();
  const { pk } = accountKeys.loginThrottle(email);
  return items.find((item) => item.pk === pk)?.attempts;
}

describe.each(combos)("with $fault ($mode)", ({ fault, mode }) => {
  it("creating a raffle answers 201 and the raffle it names exists", async () => {
    const body = {
      name: "Faulty raffle",
      total_tickets: 5,
      prizes: [{ name: "Mug", quantity: 1 }],
    };
    inject(fault, mode);
    const answers = await asClient(() => gateway.send("POST", "/v1/raffles", { body }));
    expect(final(answers).status).toBe(201);
    const read = await gateway.send("GET", `/v1/raffles/${final(answers).body.id}`);
    expect(read.body).toEqual(final(answers).body);
  });

  it("claims give no ticket twice and no player two tickets", async () => {
    const raffle = await gateway.send("POST", "/v1/raffles", {
      body: { name: "Claims", total_tickets: 5, prizes: [{ name: "Mug", quantity: 1 }] },
    });
    const id = raffle.body.id as string;
    inject(fault, mode, ["TransactWriteItemsCommand"]);
    const outcomes = await Promise.all(
      PLAYERS.map((from) =>
        asClient(() => gateway.send("POST", `/v1/raffles/${id}/tickets`, { from })),
      ),
    );
    const lost = lostCommit();
    injection?.recover();
    const items = await scanTable();
    const tickets = items.filter((i) => String(i.pk).startsWith(`RAFFLE#${id}#TICKET#`));
    const locks = items.filter((i) => String(i.pk).startsWith(`RAFFLE#${id}#PLAYER#`));
    // Every player holds exactly one ticket, each ticket is another number, and each lock names one.
    expect(locks).toHaveLength(PLAYERS.length);
    expect(tickets).toHaveLength(PLAYERS.length);
    expect(new Set(tickets.map((t) => t.ticket_number)).size).toBe(PLAYERS.length);
    expect(new Set(locks.map((l) => l.ticket_number))).toEqual(
      new Set(tickets.map((t) => t.ticket_number)),
    );
    for (const [i, from] of PLAYERS.entries()) {
      const answer = final(outcomes[i] as HttpResponse[]);
      const lock = await keyedHash(from);
      const held = locks.find((l) => l.pk === raffleKeys.player(id, lock).pk);
      expect(held).toBeDefined();
      if (answer.status === 201) {
        expect(answer.body.ticket_number).toBe(held?.ticket_number);
        const verified = await gateway.send(
          "POST",
          `/v1/raffles/${id}/tickets/${answer.body.ticket_number}/verify`,
          { body: { verification_code: answer.body.verification_code } },
        );
        expect(verified.body.status).toBe("pending");
      } else {
        // The claim committed but its answer was lost: the player holds it, and is told so.
        expect(lost).toBe(true);
        expect(answer.body.code).toBe("already_participated");
      }
    }
    const read = await gateway.send("GET", `/v1/raffles/${id}`);
    expect(read.body.tickets_remaining).toBe(5 - PLAYERS.length);
  });

  it("a draw gives every call the same winners, written once", async () => {
    const raffle = await gateway.send("POST", "/v1/raffles", {
      body: { name: "Draw", total_tickets: 2, prizes: [{ name: "Mug", quantity: 2 }] },
    });
    const id = raffle.body.id as string;
    for (const from of PLAYERS.slice(0, 2)) {
      expect((await gateway.send("POST", `/v1/raffles/${id}/tickets`, { from })).status).toBe(201);
    }
    inject(fault, mode);
    const answers = await Promise.all(
      [0, 1].map(() => asClient(() => gateway.send("POST", `/v1/raffles/${id}/draw`))),
    );
    injection?.recover();
    const winners = await gateway.send("GET", `/v1/raffles/${id}/winners`);
    expect(winners.status).toBe(200);
    for (const answer of answers.map(final)) {
      if (answer.status === 200) expect(answer.body).toEqual(winners.body);
      else expect(answer.body.code).toBe("already_drawn");
    }
    const items = await scanTable();
    expect(items.filter((i) => String(i.pk).startsWith(`RAFFLE#${id}#WINNERS#`))).toHaveLength(2);
    expect((await gateway.send("GET", `/v1/raffles/${id}`)).body.status).toBe("drawn");
  });

  it("registering makes one account, and its password logs in", async () => {
    const email = `register.${randomUUID()}@example.com`;
    const body = { email, password: `pw-${randomUUID()}`, name: "Reg" };
    inject(fault, mode);
    const answers = await asClient(() => gateway.send("POST", "/v1/accounts", { body }));
    const answer = final(answers);
    if (answer.status !== 201) {
      expect(lostCommit()).toBe(true);
      expect(answer.body.code).toBe("email_taken");
    }
    injection?.recover();
    const items = await scanTable();
    expect(items.filter((i) => i.type === "account" && i.email === email)).toHaveLength(1);
    const session = await gateway.send("POST", "/v1/sessions", {
      body: { email, password: body.password },
    });
    expect(session.status).toBe(201);
    expect(await loginThrottleAttempts(email)).toBe(0);
  });

  it("logging in gives a working token and counts no attempt it handed back", async () => {
    const holder = await newHolder();
    inject(fault, mode);
    const answers = await asClient(() =>
      gateway.send("POST", "/v1/sessions", {
        body: { email: holder.email, password: holder.password },
      }),
    );
    injection?.recover();
    expect(final(answers).status).toBe(201);
    const me = await gateway.send("GET", "/v1/accounts/me", {
      headers: { authorization: `Bearer ${final(answers).body.token}` },
    });
    expect(me.status).toBe(200);
    // A log-in hands its attempt back once it succeeds: only one that answered 503 (its session
    // written or not) may leave its attempt counted, never one counted twice.
    const unavailable = answers.filter((a) => a.status === 503).length;
    expect(await loginThrottleAttempts(holder.email)).toBeLessThanOrEqual(unavailable);
  });

  it("a failed log-in counts exactly one attempt", async () => {
    const holder = await newHolder();
    inject(fault, mode);
    const answers = await asClient(() =>
      gateway.send("POST", "/v1/sessions", {
        body: { email: holder.email, password: "not the password" },
      }),
    );
    injection?.recover();
    expect(final(answers).body.code).toBe("invalid_credentials");
    const failures = answers.filter((a) => a.status === 401).length;
    const counted = await loginThrottleAttempts(holder.email);
    // Each 401 counted once; an attempt that answered 503 may stay counted, once.
    expect(counted).toBeGreaterThanOrEqual(failures);
    expect(counted).toBeLessThanOrEqual(answers.length);
  });

  it("logging out ends the session", async () => {
    const holder = await newHolder();
    inject(fault, mode);
    const answers = await asClient(() =>
      gateway.send("DELETE", "/v1/sessions/current", { headers: holder.auth }),
    );
    injection?.recover();
    const answer = final(answers);
    // A retry of a log-out that went through finds its token already gone.
    if (answer.status !== 204) expect(answer.body.code).toBe("unauthenticated");
    expect((await gateway.send("GET", "/v1/accounts/me", { headers: holder.auth })).status).toBe(
      401,
    );
  });

  it("changing the password keeps exactly one working password", async () => {
    const holder = await newHolder();
    const password = `new-${randomUUID()}`;
    inject(fault, mode);
    const answers = await asClient(() =>
      gateway.send("PATCH", "/v1/accounts/me", {
        headers: holder.auth,
        body: { name: "Renamed", password, current_password: holder.password },
      }),
    );
    injection?.recover();
    const answer = final(answers);
    if (answer.status !== 200) {
      // The change went through; the retry's current_password is the old one now.
      expect(lostCommit()).toBe(true);
      expect(answer.body.code).toBe("invalid_credentials");
    }
    const me = await gateway.send("GET", "/v1/accounts/me", { headers: holder.auth });
    expect(me.body.name).toBe("Renamed");
    const logIn = (pw: string) =>
      gateway.send("POST", "/v1/sessions", { body: { email: holder.email, password: pw } });
    expect((await logIn(password)).status).toBe(201);
    expect((await logIn(holder.password)).status).toBe(401);
  });

  it("deleting an account removes it, its email and its sessions", async () => {
    const holder = await newHolder();
    inject(fault, mode);
    const answers = await asClient(() =>
      gateway.send("DELETE", "/v1/accounts/me", { headers: holder.auth }),
    );
    injection?.recover();
    const answer = final(answers);
    if (answer.status !== 204) expect(answer.body.code).toBe("unauthenticated");
    const items = await scanTable();
    expect(items.filter((i) => i.account_id === holder.id || i.id === holder.id)).toEqual([]);
    expect(
      items.filter((i) => String(i.sk).startsWith("SESSION#") && i.pk === `ACCOUNT#${holder.id}`),
    ).toEqual([]);
  });

  it("events keep the user's state in step with the stored events", async () => {
    const userId = Math.floor(Math.random() * 1e9);
    inject(fault, mode);
    const first = await asClient(() =>
      gateway.send("POST", "/v1/events", {
        body: { type: "deposit", amount: "10.00", user_id: userId, time: 1 },
      }),
    );
    const legacy = await asClient(() =>
      gateway.send("POST", "/event", {
        body: { type: "WITHDRAW", amount: 150, user_id: userId, time: 2 },
      }),
    );
    injection?.recover();
    expect(final(first).status).toBe(201);
    expect(final(legacy).status).toBe(200);
    expect(final(legacy).body.alert_codes).toContain(1100);
    const events = await storedEvents(userId);
    // Only a client's retry may store an event twice (the event API has no idempotency key),
    // never half, and never the store's own retry of a write whose answer was lost.
    const clientRetries = first.length + legacy.length - 2;
    expect(events.length).toBeGreaterThanOrEqual(2);
    expect(events.length).toBeLessThanOrEqual(2 + clientRetries);
    expect(events.map((e) => e.alert_codes)).toEqual(replayCodes(events));
    const event = await gateway.send("GET", `/v1/events/${final(first).body.event_id}`);
    expect(event.status).toBe(200);
    // The history's entries are the stored events, numbered 1… without a gap or a repeat: a
    // write whose answer was lost was not stored again under the next number.
    const entries = (await scanTable()).filter((i) => i.pk === `MON#USER#${userId}`);
    expect(entries.map((entry) => Number(entry.seq)).sort((a, b) => a - b)).toEqual(
      events.map((_, i) => i + 1),
    );
  });

  it("setting a risk level sets it", async () => {
    const userId = Math.floor(Math.random() * 1e9);
    inject(fault, mode);
    const answers = await asClient(() =>
      gateway.send("PUT", `/v1/users/${userId}/risk`, { body: { level: "high" } }),
    );
    injection?.recover();
    expect(final(answers).status).toBe(200);
    const read = await gateway.send("GET", `/v1/users/${userId}/risk`);
    expect(read.body).toEqual({ user_id: userId, level: "high" });
  });

  it("a posting retried with its key is applied once", async () => {
    const holder = await newHolder("+41446681800");
    // Conflicts that never end are retried within the posting's budget: keep it short here.
    postingRetryBudget.ms = 1_000;
    const body = { type: "credit", amount: "12.50" };
    const key = randomUUID();
    inject(fault, mode);
    const answers = await asClient(() =>
      gateway.send("POST", `/v1/accounts/${holder.id}/transactions`, {
        body,
        headers: { "Idempotency-Key": key },
      }),
    );
    injection?.recover();
    expect(final(answers).status).toBe(201);
    const { history } = await expectLedgerConsistent(holder.id);
    expect(history).toHaveLength(1);
    // Its notification went into the same transaction: there is exactly one, pending.
    const items = await scanTable();
    const notifications = items.filter(
      (i) => i.type === "notification" && i.account_id === holder.id,
    );
    expect(notifications).toHaveLength(1);
    expect(notifications[0]?.status).toBe("pending");
  });

  it("re-sending a failed notification puts it back to pending once", async () => {
    const item = await putNotification();
    await import("#platform/outbox/work-store").then(async ({ claimWork, failWork }) => {
      const token = randomUUID();
      await claimWork({ pk: item.pk, sk: item.sk }, token, 60_000);
      await failWork({ key: { pk: item.pk, sk: item.sk }, kind: "sms", id: item.id, token }, "E");
    });
    inject(fault, mode);
    const answers = await asClient(() =>
      gateway.send("POST", `/v1/notifications/${item.id}/retry`),
    );
    const lost = lostCommit();
    injection?.recover();
    const answer = final(answers);
    if (answer.status !== 202) {
      // Re-queued by a try whose 503 hid it: the client's retry finds it pending already.
      expect(lost).toBe(true);
      expect(answer.body.code).toBe("not_failed");
    } else expect(answer.body.status).toBe("pending");
    const read = await gateway.send("GET", `/v1/notifications/${item.id}`);
    expect(read.body).toMatchObject({ status: "pending", attempts: 0 });
    const stored = (await scanTable()).find((i) => i.pk === item.pk);
    expect(stored?.requeues).toBe(1);
  });
});

describe.each(combos)("coupons with $fault ($mode)", ({ fault, mode }) => {
  const window = () => ({
    published_at: new Date(Date.now() - 3_600_000).toISOString(),
    expire_at: new Date(Date.now() + 30 * 86_400_000).toISOString(),
  });
  const couponBody = (extra: Record<string, unknown> = {}) => ({
    ...(createCouponRoute.requestExample.body as Record<string, unknown>),
    merchant: `Faulty ${randomUUID()}`,
    ...window(),
    ...extra,
  });
  /**
   * The coupon's items of each kind in the table: the coupon, its listings, claims, shards. The
   * listings follow from the stream: its function catches up first, then stops, so that it
   * never meets a fault injected for the next test.
   */
  async function couponItems(id: string, merchant: string) {
    await couponListingsSettled();
    const items = await scanTable();
    const merchantKey = valueKey(merchant);
    return {
      coupons: items.filter((i) => i.pk === `COUPON#${id}` && i.sk === "COUPON"),
      listings: items.filter((i) => String(i.pk).startsWith("CPN#LIST#") && i.id === id),
      claims: items.filter((i) => String(i.pk).startsWith(`CPN#CLAIM#${merchantKey}#`)),
      shards: items.filter((i) => String(i.pk).startsWith(`COUPON#${id}#SHARD#`)),
      redemptions: items.filter(
        (i) => i.coupon_id === id && String(i.sk).startsWith("REDEMPTION#"),
      ),
      counts: items.filter((i) => i.sk === `COUNT#${id}`),
    };
  }
  const create = async (extra: Record<string, unknown> = {}) => {
    const created = await gateway.send("POST", "/v1/coupons", { body: couponBody(extra) });
    expect(created.status).toBe(201);
    return created;
  };

  it("creating a coupon makes it once, listed and with its code claimed", async () => {
    const body = couponBody();
    inject(fault, mode);
    const answers = await asClient(() => gateway.send("POST", "/v1/coupons", { body }));
    injection?.recover();
    const answer = final(answers);
    const all = (await scanTable()).filter(
      (i) =>
        String(i.pk).startsWith("COUPON#") && i.sk === "COUPON" && i.merchant === body.merchant,
    );
    // One coupon whatever happened: a retry of a create that went through meets its own code.
    expect(all).toHaveLength(1);
    if (answer.status !== 201) {
      expect(lostCommit()).toBe(true);
      expect(answer.body.code).toBe("code_taken");
      expect(answers.length, "an answer lost within one request is recognised").toBeGreaterThan(1);
    } else expect(all[0]?.id).toBe(answer.body.id);
    const id = all[0]?.id as string;
    const items = await couponItems(id, body.merchant as string);
    expect(items.listings).toHaveLength(8);
    expect(Object.keys((items.claims[0]?.windows as object) ?? {})).toEqual([id]);
    expect((await gateway.send("GET", `/v1/coupons/${id}`)).status).toBe(200);
  });

  it.each(["PUT", "PATCH"] as const)(
    "changing a coupon (%s) with its ETag changes it once",
    async (method) => {
      const created = await create();
      const id = created.body.id as string;
      const etag = created.headers.etag as string;
      const body =
        method === "PUT"
          ? couponBody({ merchant: created.body.merchant, title: "Changed", max_redemptions: 7 })
          : { title: "Changed", max_redemptions: 7 };
      inject(fault, mode);
      const answers = await asClient(() =>
        gateway.send(method, `/v1/coupons/${id}`, { body, headers: { "If-Match": etag } }),
      );
      injection?.recover();
      const answer = final(answers);
      const read = await gateway.send("GET", `/v1/coupons/${id}`);
      expect(read.body).toMatchObject({ title: "Changed", max_redemptions: 7 });
      if (answer.status !== 200) {
        // The change went through; the client's retry names the version it replaced.
        expect(lostCommit()).toBe(true);
        expect(answer.body.code).toBe("precondition_failed");
        expect(answers.length, "an answer lost within one request is recognised").toBeGreaterThan(
          1,
        );
      } else {
        expect(answer.body).toEqual(read.body);
        expect(answer.headers.etag).toBe(read.headers.etag);
      }
      const items = await couponItems(id, created.body.merchant as string);
      expect(items.listings).toHaveLength(8);
      expect(items.listings.every((l) => l.title === "Changed")).toBe(true);
      // The quotas of the shards add up to the new limit exactly.
      expect(items.shards.reduce((sum, s) => sum + Number(s.quota), 0)).toBe(7);
    },
  );

  it("changing only a coupon's text (one PutItem, no transaction) with its ETag changes it once", async () => {
    const created = await create();
    const id = created.body.id as string;
    inject(fault, mode);
    const answers = await asClient(() =>
      gateway.send("PATCH", `/v1/coupons/${id}`, {
        body: { title: "Retitled" },
        headers: { "If-Match": created.headers.etag as string },
      }),
    );
    injection?.recover();
    const answer = final(answers);
    const read = await gateway.send("GET", `/v1/coupons/${id}`);
    expect(read.body).toMatchObject({ title: "Retitled" });
    if (answer.status !== 200) {
      // Only a 503 the client saw, whose retry then names the version it replaced.
      expect(lostCommit()).toBe(true);
      expect(answer.body.code).toBe("precondition_failed");
      expect(answers.length, "an answer lost within one request is recognised").toBeGreaterThan(1);
    } else expect(answer.body).toEqual(read.body);
    const items = await couponItems(id, created.body.merchant as string);
    expect(items.listings.every((l) => l.title === "Retitled")).toBe(true);
  });

  it("deleting a coupon removes it, its listings and claim window, and leaves its shards tombstones", async () => {
    const created = await create();
    const id = created.body.id as string;
    inject(fault, mode);
    const answers = await asClient(() =>
      gateway.send("DELETE", `/v1/coupons/${id}`, {
        headers: { "If-Match": created.headers.etag as string },
      }),
    );
    injection?.recover();
    const answer = final(answers);
    if (answer.status !== 204) {
      expect(lostCommit()).toBe(true);
      expect(answer.body.code).toBe("coupon_not_found");
      expect(answers.length, "an answer lost within one request is recognised").toBeGreaterThan(1);
    }
    const items = await couponItems(id, created.body.merchant as string);
    expect(items.coupons).toEqual([]);
    expect(items.listings).toEqual([]);
    // Shards stay as tombstones (terms 0): a process still holding the coupon's first terms
    // could otherwise write a missing shard anew and count on a deleted coupon.
    expect(items.shards.every((shard) => shard.terms === 0)).toBe(true);
    expect(items.claims.every((c) => !(id in ((c.windows as object) ?? {})))).toBe(true);
  });

  it("redemptions never pass the coupon's limit nor an account's", async () => {
    const created = await create({ max_redemptions: 2, per_account_limit: 1 });
    const id = created.body.id as string;
    const holders = await Promise.all([0, 1, 2].map(() => newHolder()));
    inject(fault, mode, ["TransactWriteItemsCommand"]);
    const outcomes = await Promise.all(
      holders.map((holder) =>
        asClient(() =>
          gateway.send("POST", `/v1/coupons/${id}/redemptions`, { headers: holder.auth }),
        ),
      ),
    );
    const lost = lostCommit();
    injection?.recover();
    const items = await couponItems(id, created.body.merchant as string);
    const redeemed = new Map(items.redemptions.map((r) => [r.account_id, r]));
    // Exactly the limit: two of three accounts, each once, and the shards count just those.
    expect(items.redemptions).toHaveLength(2);
    expect(redeemed.size).toBe(2);
    expect(items.shards.reduce((sum, s) => sum + Number(s.n), 0)).toBe(2);
    expect(items.counts.map((c) => c.n).sort()).toEqual([1, 1]);
    for (const [i, holder] of holders.entries()) {
      const answers = outcomes[i] as HttpResponse[];
      const answer = final(answers);
      if (answer.status === 201) {
        expect(redeemed.get(holder.id)?.id).toBe(answer.body.id);
      } else if (redeemed.has(holder.id)) {
        // Redeemed by a try whose answer the client lost (a 503; the SDK's own retry of a lost
        // answer carries the transaction's ClientRequestToken and answers 201): the client's
        // retry, a new request, is refused.
        expect(lost).toBe(true);
        expect(answers.length).toBeGreaterThan(1);
        expect(["account_limit_reached", "redemption_limit_reached"]).toContain(answer.body.code);
      } else expect(answer.body.code).toBe("redemption_limit_reached");
    }
    const read = await gateway.send("GET", `/v1/coupons/${id}`);
    expect(read.body.redemption_count).toBe(2);
  });
});
