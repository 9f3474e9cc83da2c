// Every creating POST with an Idempotency-Key, through its real handler against DynamoDB Local:
// a repeat replays the first answer, another request with the key is 422 and changes nothing,
// and concurrent duplicates make exactly one resource (and one idempotency record).
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { handler as register } from "../../../functions/accounts/register";
import { handler as createCoupon } from "../../../functions/coupons/create-coupon";
import { handler as redeemCoupon } from "../../../functions/coupons/redeem-coupon";
import { handler as createEvent } from "../../../functions/monitoring/create-event";
import { handler as createRaffle } from "../../../functions/raffles/create-raffle";
import { couponBody, newHolder } from "../../support/coupon-calls";
import { createCoupon as newCoupon } from "../../support/coupon-redemptions";
import { invoke } from "../../support/lambda-event";
import { expectProblem } from "../../support/problem";
import { scanTable } from "../../support/table-scan";

/** Inside MANAGER_CIDRS of the test environment. */
const MANAGER_IP = "127.0.0.1";
const CONCURRENT = 10;

type Item = Record<string, unknown>;

/** One creating route: its call with a key and one of two bodies, and what it creates. */
interface CreatingRoute {
  name: string;
  /** A fresh world for one test: ids, a coupon, a holder… */
  setup: () => Promise<World>;
}

interface World {
  /** Sends the route's request with this key: `other` is a second, different request. */
  send: (key: string | undefined, other?: boolean) => ReturnType<typeof invoke>;
  /** Whether a stored item is a resource the first request creates. */
  isCreated: (item: Item) => boolean;
}

const keyed = (key: string | undefined): Record<string, string> =>
  key === undefined ? {} : { "idempotency-key": key };

const unique = () => randomUUID().slice(0, 8);

const routes: CreatingRoute[] = [
  {
    name: "POST /v1/raffles",
    setup: async () => {
      const name = `Raffle ${unique()}`;
      return {
        send: (key, other) =>
          invoke(createRaffle, {
            method: "POST",
            path: "/v1/raffles",
            sourceIp: MANAGER_IP,
            headers: keyed(key),
            body: { name, total_tickets: other ? 11 : 10, prizes: [{ name: "Mug", quantity: 1 }] },
          }),
        isCreated: (item) => item.sk === "RAFFLE" && item.name === name,
      };
    },
  },
  {
    name: "POST /v1/accounts",
    setup: async () => {
      const email = `idem.${unique()}@example.com`;
      return {
        // Only the password differs: it is part of the request, though never stored in clear.
        send: (key, other) =>
          invoke(register, {
            method: "POST",
            path: "/v1/accounts",
            headers: keyed(key),
            body: { email, name: "Ada", password: other ? "another password" : "correct horse" },
          }),
        isCreated: (item) => item.sk === "ACCOUNT" && item.email === email,
      };
    },
  },
  {
    name: "POST /v1/coupons",
    setup: async () => {
      const body = couponBody();
      return {
        send: (key, other) =>
          invoke(createCoupon, {
            method: "POST",
            path: "/v1/coupons",
            sourceIp: MANAGER_IP,
            headers: keyed(key),
            body: other ? { ...body, title: "30% off coffee" } : body,
          }),
        isCreated: (item) => item.sk === "COUPON" && item.code === body.code,
      };
    },
  },
  {
    name: "POST /v1/coupons/{id}/redemptions",
    setup: async () => {
      // One redemption per account: a duplicate that lost the race also fails that limit.
      const [first, second] = [
        await newCoupon({ per_account_limit: 1 }),
        await newCoupon({ per_account_limit: 1 }),
      ];
      const holder = await newHolder();
      return {
        send: (key, other) => {
          const id = other ? second : first;
          return invoke(redeemCoupon, {
            method: "POST",
            path: `/v1/coupons/${id}/redemptions`,
            pathParameters: { coupon_id: id },
            headers: { authorization: `Bearer ${holder.token}`, ...keyed(key) },
          });
        },
        isCreated: (item) =>
          String(item.sk).startsWith("REDEMPTION#") &&
          item.coupon_id === first &&
          item.account_id === holder.accountId,
      };
    },
  },
  {
    name: "POST /v1/events",
    setup: async () => {
      const userId = Number.parseInt(randomUUID().replaceAll("-", "").slice(0, 12), 16);
      return {
        send: (key, other) =>
          invoke(createEvent, {
            method: "POST",
            path: "/v1/events",
            headers: keyed(key),
            sourceIp: MANAGER_IP,
            body: { type: "deposit", amount: other ? "11.00" : "10.00", user_id: userId, time: 5 },
          }),
        isCreated: (item) => item.kind === "event" && item.user_id === userId,
      };
    },
  },
];

const isRecordOf = (key: string) => (item: Item) =>
  item.type === "idempotency_record" && item.sk === `KEY#${key}`;

async function count(predicate: (item: Item) => boolean) {
  return (await scanTable()).filter(predicate).length;
}

describe.each(routes)("Idempotency-Key on $name", ({ setup }) => {
  it("replays the first answer, status, headers and body, with Idempotent-Replayed: true", async () => {
    const world = await setup();
    const key = randomUUID();
    const first = await world.send(key);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    const again = await world.send(key);
    expect(again.status).toBe(201);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers.etag).toBe(first.headers.etag);
    expect(await count(world.isCreated)).toBe(1);
    expect(await count(isRecordOf(key))).toBe(1);
  });

  it("answers 422 idempotency_key_reused for the key with another request, changing nothing", async () => {
    const world = await setup();
    const key = randomUUID();
    expect((await world.send(key)).status).toBe(201);
    const before = await scanTable();
    expectProblem(await world.send(key, true), 422, "idempotency_key_reused");
    expect(await scanTable()).toEqual(before);
  });

  it(`turns ${CONCURRENT} concurrent duplicates into exactly one resource, every answer its`, async () => {
    const world = await setup();
    const key = randomUUID();
    const answers = await Promise.all(Array.from({ length: CONCURRENT }, () => world.send(key)));
    expect(
      answers.map((answer) => answer.status),
      JSON.stringify(answers.map((a) => a.body)),
    ).toEqual(Array(CONCURRENT).fill(201));
    expect(new Set(answers.map((answer) => JSON.stringify(answer.body))).size).toBe(1);
    expect(answers.filter((answer) => !answer.headers["idempotent-replayed"])).toHaveLength(1);
    expect(await count(world.isCreated)).toBe(1);
    expect(await count(isRecordOf(key))).toBe(1);
  });

  it("without a key, creates at each call (the header is optional)", async () => {
    const world = await setup();
    const records = await count((item) => item.type === "idempotency_record");
    const first = await world.send(undefined);
    expect(first.status, JSON.stringify(first.body)).toBe(201);
    expect(first.headers["idempotent-replayed"]).toBeUndefined();
    expect(await count(world.isCreated)).toBe(1);
    expect(await count((item) => item.type === "idempotency_record")).toBe(records);
  });
});
