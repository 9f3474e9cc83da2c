import { afterEach, describe, expect, it } from "vitest";
import { forgetTerms } from "#coupons/terms-cache";
import { db, requestCounter } from "#platform/db/client";
import { couponApi, couponBody, newHolder } from "../../support/coupon-calls";
import { storeCatalogue } from "../../support/coupon-catalogue";
import { couponListingsSettled, stopCouponListings } from "../../support/coupon-listings-runner";
import { countScannedItems } from "../../support/scanned-items";

let scanned: ReturnType<typeof countScannedItems> | undefined;
afterEach(() => scanned?.stop());
// The listings' stream function, in this process, would count its requests with the tests'.
afterEach(stopCouponListings);

/** Counts the keys this process's GetItem and BatchGetItem requests ask for. */
function countKeysRead() {
  const name = "countKeysRead";
  const counted = { read: 0, stop: () => db.middlewareStack.remove(name) };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as { RequestItems?: Record<string, { Keys: unknown[] }> };
      if (context.commandName === "GetItemCommand") counted.read += 1;
      for (const table of Object.values(input.RequestItems ?? {})) {
        counted.read += table.Keys?.length ?? 0;
      }
      return next(args);
    },
    { step: "initialize", name },
  );
  return counted;
}

async function measured<T>(call: () => Promise<T>) {
  requestCounter.reset();
  const result = await call();
  return { result, requests: { ...requestCounter.byCommand } };
}

describe("DynamoDB requests per operation", () => {
  it("create: one transaction; a code its merchant used before, two; an invalid coupon claims nothing", async () => {
    const code = `REUSED${Date.now().toString(36)}`;
    const valid = await measured(() => couponApi.create(couponBody({ code })));
    expect(valid.result.status).toBe(201);
    expect(valid.requests).toEqual({ TransactWriteItemsCommand: 1 });
    // The code's claim exists (a later campaign): the first transaction, which assumed it did
    // not, is cancelled and hands the claim back; the second is made from it, unread.
    const later = await measured(() =>
      couponApi.create(
        couponBody({
          code,
          published_at: "2099-01-01T00:00:00Z",
          expire_at: "2099-02-01T00:00:00Z",
        }),
      ),
    );
    expect(later.result.status).toBe(201);
    expect(later.requests).toEqual({ TransactWriteItemsCommand: 2 });
    const overlapping = await measured(() => couponApi.create(couponBody({ code })));
    expect(overlapping.result.body.code).toBe("code_taken");
    expect(overlapping.requests).toEqual({ TransactWriteItemsCommand: 1 });
    const invalid = await measured(() =>
      couponApi.create(
        couponBody({ published_at: "2027-01-02T00:00:00Z", expire_at: "2027-01-01T00:00:00Z" }),
      ),
    );
    // Its item alone: one PutItem, no transaction.
    expect(invalid.requests).toEqual({ PutItemCommand: 1 });
  });

  it("read: the coupon and only its own shards; warm, in one BatchGetItem", async () => {
    // max 40: three shards of at least 16 redemptions each.
    const { body } = await couponApi.create(couponBody({ max_redemptions: 40 }));
    forgetTerms(body.id);
    const keys = countKeysRead();
    try {
      const cold = await measured(() => couponApi.get(body.id));
      expect(cold.requests).toEqual({ GetItemCommand: 1, BatchGetItemCommand: 1 });
      expect(keys.read).toBe(1 + 3);
      keys.read = 0;
      const warm = await measured(() => couponApi.get(body.id));
      expect(warm.requests).toEqual({ BatchGetItemCommand: 1 });
      expect(keys.read).toBe(1 + 3);
    } finally {
      keys.stop();
    }
  });

  it("a list page: one Query, whatever the filters (the count is on the listing)", async () => {
    const merchant = "Costs merchant";
    for (let i = 0; i < 5; i++) {
      expect((await couponApi.create(couponBody({ merchant }))).status).toBe(201);
    }
    const queries: Record<string, string>[] = [
      { merchant },
      { merchant, status: "valid" },
      { merchant, status: "expired" },
      { merchant, status: "scheduled" },
      { merchant, status: "active", category: "Food" },
      { code: "NO SUCH CODE", merchant },
    ];
    await couponListingsSettled();
    for (const query of queries) {
      const { result, requests } = await measured(() =>
        couponApi.listAsIs({ ...query, limit: "3" }),
      );
      expect(result.status).toBe(200);
      expect(requests, JSON.stringify(query)).toEqual({ QueryCommand: 1 });
    }
    const { result } = await measured(() => couponApi.listAsIs({ merchant, limit: "3" }));
    expect(result.body.items).toHaveLength(3);
  });

  it("near: reads the coupons near the point, not the catalogue around it", async () => {
    const centre = { lat: 45.764, long: 4.8357 };
    const at = (km: number, angle: number) => ({
      lat: centre.lat + (km * Math.cos(angle)) / 111.2,
      long: centre.long + (km * Math.sin(angle)) / 77.6,
    });
    const coupon = (km: number, angle: number) =>
      couponBody({ store: { street: "Rue", city: "Lyon", ...at(km, angle) }, max_redemptions: 5 });
    // 20 coupons within 400 m; 300 in a ring 3 to 4.5 km out; 300 more 10 to 30 km out, all in
    // the same geo partition.
    const near = Array.from({ length: 20 }, (_, i) => coupon(0.02 * i, i));
    const ring = Array.from({ length: 300 }, (_, i) => coupon(3 + (i % 16) * 0.1, i * 0.37));
    const far = Array.from({ length: 300 }, (_, i) => coupon(10 + (i % 20), i * 0.53));
    await storeCatalogue([...near, ...ring, ...far]);
    await couponListingsSettled();
    scanned = countScannedItems();
    const counted = scanned;
    const search = (radius: string, limit: string) =>
      measured(() =>
        couponApi.listAsIs({ near: `${centre.lat},${centre.long}`, radius_km: radius, limit }),
      );

    // Within 1 km: the 20 near ones are read, and nothing else.
    const small = await search("1", "50");
    expect(small.result.body.items).toHaveLength(20);
    expect(counted.items).toBe(20);
    expect(small.requests.QueryCommand).toBeLessThanOrEqual(32);
    expect(small.requests.BatchGetItemCommand).toBeUndefined();

    // Within 50 km all 620 are in the circle and in very few cells; a first page of 5 reads the
    // fuller cells' children, nearest first, and settles long before the rest.
    counted.items = 0;
    const wide = await search("50", "5");
    expect(wide.result.body.items).toHaveLength(5);
    expect(counted.items).toBeLessThan(620 / 2);
  }, 180_000);

  it("a warm redemption is the session read and one transaction; a cold one reads the coupon too", async () => {
    const { body } = await couponApi.create(couponBody({ per_account_limit: 5 }));
    const holder = await newHolder();
    forgetTerms(body.id);
    const cold = await measured(() => couponApi.redeem(body.id, holder.token));
    expect(cold.result.status).toBe(201);
    expect(cold.requests).toEqual({ GetItemCommand: 2, TransactWriteItemsCommand: 1 });
    const warm = await measured(() => couponApi.redeem(body.id, holder.token));
    expect(warm.requests).toEqual({ GetItemCommand: 1, TransactWriteItemsCommand: 1 });
  });

  it("redemption lists: the holder's is one Query; a coupon's one Query per shard", async () => {
    const { body } = await couponApi.create(couponBody({ max_redemptions: 40 }));
    const holder = await newHolder();
    await couponApi.redeem(body.id, holder.token);
    expect((await measured(() => couponApi.myRedemptions(holder.token))).requests).toEqual({
      GetItemCommand: 1,
      QueryCommand: 1,
    });
    // max 40: three shards of at least 16 redemptions each.
    expect((await measured(() => couponApi.redemptions(body.id))).requests).toEqual({
      GetItemCommand: 1,
      QueryCommand: 3,
    });
  });

  it("a PATCH of the title reads the coupon with its count, then writes its item alone (PutItem)", async () => {
    const { body } = await couponApi.create(couponBody());
    forgetTerms(body.id);
    // Cold: the coupon, then its shards (how many there are is in the coupon).
    expect((await measured(() => couponApi.patch(body.id, { title: "New" }))).requests).toEqual({
      GetItemCommand: 1,
      BatchGetItemCommand: 1,
      PutItemCommand: 1,
    });
    // Warm (a GET of it before, as a client that takes its ETag does): one BatchGetItem of both.
    await couponApi.get(body.id);
    const warm = await measured(() => couponApi.patch(body.id, { title: "Newer" }));
    expect(warm.result.body).toMatchObject({ title: "Newer", redemption_count: 0 });
    expect(warm.requests).toEqual({ BatchGetItemCommand: 1, PutItemCommand: 1 });
  });

  it("a change of the limits sets the shards' quotas from the counts read with the coupon", async () => {
    // max 40: three shards of at least 16 redemptions each.
    const { body } = await couponApi.create(couponBody({ max_redemptions: 40 }));
    await couponApi.redeem(body.id, (await newHolder()).token);
    await couponApi.get(body.id);
    const lowered = await measured(() => couponApi.patch(body.id, { max_redemptions: 35 }));
    expect(lowered.result.body).toMatchObject({ max_redemptions: 35, redemption_count: 1 });
    expect(lowered.requests).toEqual({ BatchGetItemCommand: 1, TransactWriteItemsCommand: 1 });
  });
});
