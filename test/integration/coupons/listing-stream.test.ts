// Coupon lists follow the table's stream (docs/coupons.md, "Lists follow the stream"): the
// listings' stream function, on DynamoDB Local's real stream, copies each coupon's item under
// its lists and recounts its redemptions. These tests stop and start that function to see the
// lists before and after it catches up.
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { inputOf, replacedRecord } from "#coupons/core/coupon";
import { readCoupon } from "#coupons/store/coupon-reads";
import { changeOperations, commit } from "#coupons/store/coupon-writes";
import { couponKeys } from "#coupons/store/keys";
import { db, tableName } from "#platform/db/client";
import { couponApi, couponBody, newHolders } from "../../support/coupon-calls";
import { couponListingsCaughtUp, stopCouponListings } from "../../support/coupon-listings-runner";

// biome-ignore lint/suspicious/noExplicitAny: the items as the API returned them
type Listed = any;

const listedIn = async (query: Record<string, string>) =>
  (await couponApi.listAsIs({ ...query, limit: "100" })).body.items as Listed[];

async function create(change: Record<string, unknown>) {
  const response = await couponApi.create(couponBody(change));
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

describe("lists kept by the stream", () => {
  it("list a coupon once the listings' function has handled its item's record, not before", async () => {
    await stopCouponListings();
    const merchant = "Stream Lag Shop";
    const id = await create({ merchant });
    expect((await couponApi.get(id)).status).toBe(200);
    expect(await listedIn({ merchant })).toEqual([]);
    await couponListingsCaughtUp();
    expect((await listedIn({ merchant })).map((item) => item.id)).toEqual([id]);
  });

  it("move a coupon's listings with its merchant, and drop them when it is deleted", async () => {
    const id = await create({ merchant: "Before Move", category: "Food" });
    await couponListingsCaughtUp();
    const patched = await couponApi.patch(id, { merchant: "After Move", title: "Moved" });
    expect(patched.status).toBe(200);
    await couponListingsCaughtUp();
    expect(await listedIn({ merchant: "Before Move" })).toEqual([]);
    expect(await listedIn({ merchant: "Before Move", category: "Food" })).toEqual([]);
    const moved = await listedIn({ merchant: "After Move", category: "Food" });
    expect(moved.map((item) => [item.id, item.title])).toEqual([[id, "Moved"]]);
    expect(moved[0]).toEqual((await couponApi.get(id)).body);

    expect((await couponApi.delete(id)).status).toBe(204);
    await couponListingsCaughtUp();
    expect(await listedIn({ merchant: "After Move" })).toEqual([]);
    expect((await listedIn({})).some((item) => item.id === id)).toBe(false);
  });

  it("show the redemptions counted, equal to a GET's exact count once caught up", async () => {
    const id = await create({ merchant: "Counted Shop", max_redemptions: 40 });
    const holders = await newHolders(12);
    const answers = await Promise.all(holders.map((h) => couponApi.redeem(id, h.token)));
    expect(answers.map((answer) => answer.status)).toEqual(holders.map(() => 201));
    await couponListingsCaughtUp();
    const [listed] = await listedIn({ merchant: "Counted Shop" });
    expect(listed.redemption_count).toBe(12);
    expect((await couponApi.get(id)).body.redemption_count).toBe(12);
  });

  it("end at the last change and the exact count when changes race redemptions and recounts", async () => {
    const merchant = "Race Shop";
    const id = await create({ merchant, max_redemptions: 100, per_account_limit: 1 });
    await couponListingsCaughtUp();
    const holders = await newHolders(30);
    const redeeming = Promise.all(holders.map((h) => couponApi.redeem(id, h.token)));
    const titles: number[] = [];
    for (let i = 1; i <= 8; i++) {
      // A change made from a read older than a recount loses its condition and is made again.
      titles.push((await couponApi.patch(id, { title: `Title ${i}` })).status);
    }
    const redeemed = await redeeming;
    expect(redeemed.filter((answer) => answer.status === 201)).toHaveLength(30);
    expect(titles).toEqual(Array(8).fill(200));
    await couponListingsCaughtUp();
    const exact = (await couponApi.get(id)).body;
    expect(exact).toMatchObject({ title: "Title 8", redemption_count: 30 });
    expect(await listedIn({ merchant })).toEqual([exact]);
  });

  it("never lose a count to a change made from a read older than it", async () => {
    await stopCouponListings();
    const merchant = "Stale Read Shop";
    const id = await create({ merchant, max_redemptions: 40 });
    for (const holder of await newHolders(3)) await couponApi.redeem(id, holder.token);
    const stale = await readCoupon(id);
    expect(stale.counted_redemptions).toBe(0);
    await couponListingsCaughtUp();
    expect((await readCoupon(id)).counted_redemptions).toBe(3);
    const next = replacedRecord(
      stale,
      { ...inputOf(stale), title: "stale" } as never,
      stale.updated_at,
    );
    expect(next).toBeDefined();
    expect((await commit(await changeOperations(stale, next))).committed).toBe(false);
    // Made through the API, the change reads again and keeps the count.
    expect((await couponApi.patch(id, { title: "fresh" })).status).toBe(200);
    await couponListingsCaughtUp();
    expect(await listedIn({ merchant })).toMatchObject([{ title: "fresh", redemption_count: 3 }]);
  });

  it("count and change a coupon stored before there was a count", async () => {
    const merchant = "Older Shop";
    const id = await create({ merchant, max_redemptions: 40 });
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: couponKeys.coupon(id),
        UpdateExpression: "REMOVE counted_redemptions",
      }),
    );
    expect((await couponApi.patch(id, { title: "changed" })).status).toBe(200);
    const [holder] = await newHolders(1);
    expect((await couponApi.redeem(id, holder?.token)).status).toBe(201);
    await couponListingsCaughtUp();
    expect(await listedIn({ merchant })).toMatchObject([{ title: "changed", redemption_count: 1 }]);
  });

  it("come to the same lists when the function reads the whole stream again", async () => {
    const merchant = "Replay Shop";
    const kept = await create({ merchant, title: "kept" });
    const gone = await create({ merchant, title: "gone" });
    await couponApi.patch(kept, { title: "kept, changed" });
    await couponApi.delete(gone);
    await couponListingsCaughtUp();
    const before = await listedIn({});
    expect((await listedIn({ merchant })).map((item) => item.title)).toEqual(["kept, changed"]);
    // A restarted function reads the stream from its trim horizon: every record again.
    await stopCouponListings();
    await couponListingsCaughtUp();
    expect(await listedIn({})).toEqual(before);
  });
});
