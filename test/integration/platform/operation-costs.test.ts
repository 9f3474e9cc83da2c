import { randomUUID } from "node:crypto";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, describe, expect, it } from "vitest";
import { keepCouponListings } from "#coupons";
import { couponKeys } from "#coupons/store/keys";
import { db, requestCounter, tableName } from "#platform/db/client";
import { insertRecordOf } from "../../../infra/local/stream-record";
import { useBeaconClockAhead } from "../../support/beacon-clock";
import { recordConsumedCapacity } from "../../support/consumed-capacity";
import { couponApi, couponBody, newHolder } from "../../support/coupon-calls";
import { storeCatalogue } from "../../support/coupon-catalogue";
import { expectGranted, recordTableActions } from "../../support/granted-actions";
import { ledgerApi, newLedgerAccount } from "../../support/ledger-calls";
import { postEvent } from "../../support/monitoring";
import { type OperationId, operationCosts } from "../../support/operation-costs";
import { claimInOrder, createTestRaffle, playerIp, raffleApi } from "../../support/raffle-api";
import { functionOf } from "../../support/scale-tables";
import { accounts, PASSWORD, registeredUser, uniqueEmail } from "../accounts/calls";

useBeaconClockAhead();

type Answer = { status: number };
/** Sets the scene (not counted), then returns the one call whose cost is measured. */
type Scene = () => Promise<() => Promise<Answer>>;

let users = 9_500_000 + Math.floor(Math.random() * 100_000);
const raffleBody = (total: number) => ({
  name: "Costs",
  total_tickets: total,
  prizes: [{ name: "Prize", quantity: 1 }],
});

const scenes: Record<OperationId, Scene> = {
  createRaffle: async () => () => raffleApi.create(raffleBody(100)),
  claimTicket: async () => {
    const id = await createTestRaffle(100);
    await claimInOrder(id, 1); // the raffle's terms are now cached, as in a warm function
    return () => raffleApi.claim(id, playerIp(1_000));
  },
  getRaffle: async () => {
    // One shard: which of a larger raffle's shards a few claims touch is chance.
    const id = await createTestRaffle(16);
    await claimInOrder(id, 3);
    return () => raffleApi.get(id);
  },
  drawRaffle: async () => {
    const id = await createTestRaffle(10);
    await claimInOrder(id, 10);
    return () => raffleApi.draw(id);
  },
  register: async () => () =>
    accounts.register({ email: uniqueEmail("costs"), password: PASSWORD, name: "Costs" }),
  logIn: async () => {
    const { email } = await registeredUser("costs");
    return () => accounts.logIn({ email, password: PASSWORD });
  },
  readMe: async () => {
    const { token } = await registeredUser("costs");
    return () => accounts.readMe(token);
  },
  postTransaction: async () => {
    const account = await newLedgerAccount();
    await ledgerApi.post(account, { type: "credit", amount: "10.00" });
    return () => ledgerApi.post(account, { type: "debit", amount: "1.00" }, { key: randomUUID() });
  },
  getTransaction: async () => {
    const account = await newLedgerAccount();
    const posted = await ledgerApi.post(account, { type: "credit", amount: "10.00" });
    return () => ledgerApi.get(account, posted.body.id);
  },
  listTransactions: async () => {
    const account = await newLedgerAccount();
    for (let i = 0; i < 25; i++) await ledgerApi.post(account, { type: "credit", amount: "1.00" });
    return () => ledgerApi.list(account, { limit: "20" });
  },
  ledgerAnalytics: async () => {
    const account = await newLedgerAccount();
    await ledgerApi.post(account, { type: "credit", amount: "10.00" });
    return () => ledgerApi.analytics(account);
  },
  postEvent: async () => {
    const user = users++;
    await postEvent({ type: "deposit", amount: "10.00", user_id: user, time: 1 });
    return () => postEvent({ type: "withdraw", amount: "5.00", user_id: user, time: 2 });
  },
  postAlertingEvent: async () => {
    const user = users++;
    await postEvent({ type: "deposit", amount: "10.00", user_id: user, time: 1 });
    return () => postEvent({ type: "withdraw", amount: "150.00", user_id: user, time: 2 });
  },
  createCoupon: async () => () => couponApi.create(couponBody({ max_redemptions: 100 })),
  getCoupon: async () => {
    const created = await couponApi.create(couponBody({ max_redemptions: 100 }));
    await couponApi.get(created.body.id); // its shard count is now known, as in a warm function
    return () => couponApi.get(created.body.id);
  },
  redeemCoupon: async () => {
    const created = await couponApi.create(couponBody({ max_redemptions: 100 }));
    await couponApi.redeem(created.body.id, (await newHolder()).token); // terms cached
    const { token } = await newHolder();
    return () => couponApi.redeem(created.body.id, token);
  },
  listCoupons: async () => {
    const merchant = `Costs ${randomUUID()}`;
    await storeCatalogue(Array.from({ length: 25 }, () => couponBody({ merchant })));
    return () => couponApi.listAsIs({ merchant, limit: "20" });
  },
  listNewCoupon: async () => {
    const created = await couponApi.create(couponBody({ max_redemptions: 100 }));
    const item = await storedItem(couponKeys.coupon(created.body.id));
    // The coupon item's INSERT record, in the form Lambda hands the function.
    return streamCall([insertRecordOf(item, "costs", "1")]);
  },
  recountCoupon: async () => {
    const created = await couponApi.create(couponBody({ max_redemptions: 100 }));
    const coupon = couponKeys.coupon(created.body.id);
    await streamCall([insertRecordOf(await storedItem(coupon), "costs", "1")])();
    await couponApi.redeem(created.body.id, (await newHolder()).token);
    // The one shard its first redemption wrote (a redemption picks its shard at random).
    const shards = await Promise.all(
      couponKeys.shards(created.body.id, 8).map((key) => storedItem(key).catch(() => undefined)),
    );
    const [shard] = shards.filter((item) => item !== undefined);
    if (!shard || shards.filter(Boolean).length !== 1)
      throw new Error("expected one shard written");
    const counted = { ...(await storedItem(coupon)), counted_redemptions: 1 };
    return async () => {
      // The shard's record (its first redemption) recounts; the coupon item's change that the
      // recount writes comes back as a record of its own, which rewrites the listings.
      await streamCall([insertRecordOf(shard, "costs", "2")])();
      const modify = { ...insertRecordOf(counted, "costs", "3"), eventName: "MODIFY" as const };
      return streamCall([modify])();
    };
  },
};

async function storedItem(Key: Record<string, string>) {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key }));
  if (!Item) throw new Error(`no item ${JSON.stringify(Key)}`);
  return Item;
}

/** A call of the coupon listings' stream function; "200" when it handled the whole batch. */
const streamCall =
  (Records: Parameters<typeof keepCouponListings>[0]["Records"]) => async (): Promise<Answer> => {
    const result = await keepCouponListings(
      { Records },
      { awsRequestId: randomUUID(), getRemainingTimeInMillis: () => 60_000 },
    );
    return { status: result.batchItemFailures.length === 0 ? 200 : 500 };
  };

const measured: Record<string, unknown> = {};
afterAll(() => {
  // What to paste into test/support/operation-costs.ts when a cost changes on purpose.
  if (process.env.PRINT_COSTS) console.log(JSON.stringify(measured, null, 2));
});

describe("what each operation costs in DynamoDB (docs/scale.md)", () => {
  it.each(Object.keys(scenes) as OperationId[])("%s", async (id) => {
    const call = await (scenes[id] as Scene)();
    const units = recordConsumedCapacity();
    const used = recordTableActions();
    try {
      requestCounter.reset();
      const answer = await call();
      const requests = Object.fromEntries(
        Object.entries(requestCounter.byCommand).map(([name, n]) => [
          name.replace(/Command$/, ""),
          n,
        ]),
      );
      measured[id] = {
        status: answer.status,
        requests,
        readUnits: units.read,
        writeUnits: units.write,
      };
      const { status, requests: expected, readUnits, writeUnits } = operationCosts[id];
      expect({
        status: answer.status,
        requests,
        readUnits: units.read,
        writeUnits: units.write,
      }).toEqual({
        status,
        requests: expected,
        readUnits,
        writeUnits,
      });
      // Least privilege that still works: the route's function is granted every action used.
      const fn = functionOf(id);
      expect(fn).toBeDefined();
      if (fn) expectGranted(fn, used.actions);
    } finally {
      units.stop();
      used.stop();
    }
  });
});
