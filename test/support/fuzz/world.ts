// The live things a fuzzed request can name: raffles, tickets and their codes, account holders
// with their tokens, transactions, notifications, events, alerts, and cursors of every list.
// Built through the API itself, over HTTP.
import { randomUUID } from "node:crypto";
import { createCouponRoute } from "#coupons/api/routes";
import { claimWork, failWork } from "#platform/outbox/work-store";
import { putNotification } from "../notifications";
import { type RawResponse, sendRaw } from "./http";

export const MANAGER = "127.0.0.1";
export const PLAYER = "127.0.0.2";

/** An account that can log in, with a live bearer token. */
export interface Holder {
  id: string;
  email: string;
  password: string;
  token: string;
}

/** A request known to be valid, by route key: the fuzzer starts from it and mutates it. */
export interface LiveRequest {
  params?: Record<string, string>;
  query?: Record<string, string>;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface World {
  /** Live values of each path parameter, by its name. */
  params: Record<string, string[]>;
  /** Values of a route's own, by route key and name, in place of `params` (a DELETE's victims). */
  routeParams: Record<string, Record<string, string[]>>;
  /** Next cursors handed out by the lists (valid for their own list only). */
  cursors: string[];
  live: Record<string, LiveRequest[]>;
  /** A holder of this route's own (the route may log it out, change or delete it). */
  holderFor(routeKey: string): Promise<Holder>;
  /** Forget the route's holder: it was logged out, changed or deleted. */
  retire(routeKey: string): void;
}

type Send = (
  method: string,
  path: string,
  options?: { body?: unknown; headers?: Record<string, string>; from?: string },
) => Promise<RawResponse>;

function sender(base: string): Send {
  return (method, path, options = {}) =>
    sendRaw(base, {
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

async function ok<T = Record<string, unknown>>(response: Promise<RawResponse>): Promise<T> {
  const answer = await response;
  if (answer.status >= 300) throw new Error(`setup answered ${answer.status}: ${answer.text}`);
  return answer.body as T;
}

async function newHolder(send: Send, phone = true): Promise<Holder> {
  const email = `fuzz.${randomUUID()}@example.com`;
  const password = `pw ${randomUUID()}`;
  const account = await ok<{ id: string }>(
    send("POST", "/v1/accounts", {
      body: { email, password, name: "Fuzz", ...(phone ? { phone: "+41446681800" } : {}) },
    }),
  );
  const session = await ok<{ token: string }>(
    send("POST", "/v1/sessions", { body: { email, password } }),
  );
  return { id: account.id, email, password, token: session.token };
}

const cursorOf = async (send: Send, path: string) =>
  ((await send("GET", path)).body as { next_cursor?: string | null }).next_cursor ?? undefined;

/** Builds the world through the gateway at `base` (the beacon clock must be ahead: it draws). */
export async function buildWorld(base: string): Promise<World> {
  const send = sender(base);
  const raffle = (total: number, units: number) =>
    ok<{ id: string }>(
      send("POST", "/v1/raffles", {
        body: { name: "Fuzz", total_tickets: total, prizes: [{ name: "Mug", quantity: units }] },
      }),
    );
  const open = await raffle(1_000, 3);
  const drawn = await raffle(2, 1);
  const tickets: { id: string; number: number; code: string }[] = [];
  for (const [id, from] of [
    [drawn.id, "127.0.0.3"],
    [drawn.id, "127.0.0.4"],
    [open.id, "127.0.0.3"],
  ] as const) {
    const ticket = await ok<{ ticket_number: number; verification_code: string }>(
      send("POST", `/v1/raffles/${id}/tickets`, { from }),
    );
    tickets.push({ id, number: ticket.ticket_number, code: ticket.verification_code });
  }
  await ok(send("POST", `/v1/raffles/${drawn.id}/draw`));

  const reader = await newHolder(send);
  const transactions: string[] = [];
  for (const [type, amount] of [
    ["credit", "100.00"],
    ["debit", "30.00"],
    ["credit", "0.01"],
  ]) {
    const posted = await ok<{ id: string }>(
      send("POST", `/v1/accounts/${reader.id}/transactions`, {
        body: { type, amount, description: "Fuzz" },
        headers: { "idempotency-key": randomUUID() },
      }),
    );
    transactions.push(posted.id);
  }
  const failed = await putNotification();
  const token = randomUUID();
  await claimWork({ pk: failed.pk, sk: failed.sk }, token, 60_000);
  await failWork({ key: { pk: failed.pk, sk: failed.sk }, kind: "sms", id: failed.id, token }, "E");
  const notifications = [...transactions.map((tx) => `nt_${reader.id}_${tx}`), failed.id as string];

  const userId = 4242;
  const events: string[] = [];
  const alerts: string[] = [];
  for (const [time, type, amount] of [
    [1, "deposit", "10.00"],
    [2, "withdraw", "150.00"],
    [3, "deposit", "20.00"],
  ] as const) {
    const event = await ok<{ event_id: string; alert_id: string | null }>(
      send("POST", "/v1/events", { body: { type, amount, user_id: userId, time } }),
    );
    events.push(event.event_id);
    if (event.alert_id) alerts.push(event.alert_id);
  }

  // Coupons: one redeemable now (redeemed once), one expired, and victims for DELETE of their own.
  const couponBody = (code: string, window: { published_at: string; expire_at: string }) => ({
    code,
    title: "Fuzz",
    category: "Food",
    merchant: `Fuzz ${randomUUID()}`,
    store: { ...(createCouponRoute.requestExample.body.store as object) },
    max_redemptions: 1_000,
    per_account_limit: 1_000,
    ...window,
  });
  const coupon = (code: string, window: { published_at: string; expire_at: string }) =>
    ok<{ id: string }>(send("POST", "/v1/coupons", { body: couponBody(code, window) }));
  const year = 365 * 24 * 3_600_000;
  const current = {
    published_at: new Date(Date.now() - year).toISOString(),
    expire_at: new Date(Date.now() + year).toISOString(),
  };
  const redeemable = await coupon("FUZZ1", current);
  const expired = await coupon("FUZZ2", {
    published_at: "2020-01-01T00:00:00.000Z",
    expire_at: "2021-01-01T00:00:00.000Z",
  });
  const victims = await Promise.all(["FUZZ3", "FUZZ4"].map((code) => coupon(code, current)));
  await ok(
    send("POST", `/v1/coupons/${redeemable.id}/redemptions`, {
      headers: { authorization: `Bearer ${reader.token}` },
    }),
  );

  const cursors = (
    await Promise.all(
      [
        "/v1/raffles?limit=1",
        `/v1/raffles/${drawn.id}/audit/tickets?limit=1`,
        "/v1/alerts?limit=1",
        `/v1/users/${userId}/events?limit=1`,
        `/v1/accounts/${reader.id}/transactions?limit=1`,
        "/v1/notifications?limit=1",
        "/v1/notifications?limit=1&status=pending",
        "/v1/coupons?limit=1",
        `/v1/coupons/${redeemable.id}/redemptions?limit=1`,
      ].map((path) => cursorOf(send, path)),
    )
  ).filter((cursor): cursor is string => cursor !== undefined);

  const holders = new Map<string, Promise<Holder>>();
  const bearer = (holder: Holder) => ({ authorization: `Bearer ${holder.token}` });
  const live: Record<string, LiveRequest[]> = {
    "POST /v1/raffles/{id}/tickets/{ticket_number}/verify": tickets.map((t) => ({
      params: { id: t.id, ticket_number: String(t.number) },
      body: { verification_code: t.code },
    })),
    "GET /v1/raffles/{id}/audit/tickets": [
      { params: { id: drawn.id }, query: { shard: "0", limit: "1" } },
      { params: { id: drawn.id }, query: { ticket_number: String(tickets[0]?.number) } },
    ],
    "POST /v1/accounts/{account_id}/transactions": ["k1", "k2", "k3"].flatMap((key) => [
      {
        params: { account_id: reader.id },
        headers: { "Idempotency-Key": key },
        body: { type: "credit", amount: "1.00" },
      },
      {
        params: { account_id: reader.id },
        headers: { "Idempotency-Key": `${key}-debit` },
        body: { type: "debit", amount: "1000.00", description: "Too much" },
      },
    ]),
    "GET /v1/accounts/{account_id}/transactions": [
      { params: { account_id: reader.id }, query: { limit: "2", type: "credit" } },
      { params: { account_id: reader.id }, query: { from: "2020-01-01", to: "2100-01-01" } },
    ],
    "GET /v1/alerts": [{ query: { user_id: String(userId), limit: "1" } }],
    "GET /v1/users/{user_id}/events": [
      { params: { user_id: String(userId) }, query: { limit: "2" } },
    ],
    "GET /v1/notifications": [
      { query: { status: "failed" } },
      { query: { status: "pending", limit: "2" } },
    ],
    "GET /v1/accounts/me": [{ headers: bearer(reader) }],
    "GET /v1/accounts/me/analytics": [{ headers: bearer(reader) }],
    "GET /v1/accounts/me/transactions": [{ headers: bearer(reader), query: { limit: "1" } }],
    "GET /v1/accounts/me/redemptions": [{ headers: bearer(reader), query: { limit: "1" } }],
    "GET /v1/coupons": [
      { query: { status: "expired", limit: "1" } },
      { query: { category: "Food", city: "Seattle" } },
    ],
    "PUT /v1/coupons/{coupon_id}": [
      {
        params: { coupon_id: expired.id },
        headers: { "If-Match": "*" },
        body: couponBody("FUZZ5", current),
      },
    ],
    "PATCH /v1/coupons/{coupon_id}": [
      {
        params: { coupon_id: redeemable.id },
        headers: { "If-Match": "*" },
        body: { title: "Fuzzed" },
      },
    ],
    "GET /v1/accounts/me/transactions/{transaction_id}": transactions.map((tx) => ({
      headers: bearer(reader),
      params: { transaction_id: tx },
    })),
  };

  return {
    params: {
      id: [open.id, drawn.id],
      ticket_number: tickets.map((t) => String(t.number)),
      account_id: [reader.id],
      transaction_id: transactions,
      notification_id: notifications,
      event_id: events,
      alert_id: alerts,
      user_id: [String(userId)],
      coupon_id: [redeemable.id, expired.id],
    },
    routeParams: {
      "DELETE /v1/coupons/{coupon_id}": { coupon_id: victims.map((victim) => victim.id) },
    },
    cursors,
    live,
    holderFor(routeKey) {
      let holder = holders.get(routeKey);
      if (!holder) {
        holder = newHolder(send);
        holders.set(routeKey, holder);
      }
      return holder;
    },
    retire(routeKey) {
      holders.delete(routeKey);
    },
  };
}
