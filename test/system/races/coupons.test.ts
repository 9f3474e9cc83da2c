import { describe, expect, it } from "vitest";
import { couponApi, newHolder, newHolders } from "../../support/coupon-calls";
import { createCoupon, listedRedemptions, statuses } from "../../support/coupon-redemptions";
import { expectProblem } from "../../support/problem";

describe("concurrent redemptions", () => {
  it("60 accounts at once on max_redemptions 25: exactly 25 redeemed, 35 refused", async () => {
    const id = await createCoupon({ max_redemptions: 25 });
    const holders = await newHolders(60);
    const responses = await Promise.all(holders.map((h) => couponApi.redeem(id, h.token)));
    expect(statuses(responses)).toEqual({ "201": 25, "409 redemption_limit_reached": 35 });
    const listed = await listedRedemptions(id);
    expect(listed).toHaveLength(25);
    expect(new Set(listed.map((r) => r.account_id)).size).toBe(25);
    expect((await couponApi.get(id)).body.redemption_count).toBe(25);
    // And it stays full.
    expectProblem(
      await couponApi.redeem(id, (await newHolder()).token),
      409,
      "redemption_limit_reached",
    );
  }, 120_000);

  it("one account sending 8 at once with a limit of 2: exactly 2", async () => {
    const id = await createCoupon({ per_account_limit: 2 });
    const holder = await newHolder();
    const responses = await Promise.all(
      Array.from({ length: 8 }, () => couponApi.redeem(id, holder.token)),
    );
    expect(statuses(responses)).toEqual({ "201": 2, "409 account_limit_reached": 6 });
    expect((await couponApi.myRedemptions(holder.token)).body.items).toHaveLength(2);
    expect((await couponApi.get(id)).body.redemption_count).toBe(2);
  }, 60_000);

  it("a limit spread over several shards is still exact: 130 accounts on max 100", async () => {
    const id = await createCoupon({ max_redemptions: 100, per_account_limit: 1 });
    const holders = await newHolders(130);
    // 40 clients at a time, each redeeming for the next holder: the shards fill while they race.
    const responses: Awaited<ReturnType<typeof couponApi.redeem>>[] = [];
    let next = 0;
    await Promise.all(
      Array.from({ length: 40 }, async () => {
        for (let holder = holders[next++]; holder; holder = holders[next++]) {
          responses.push(await couponApi.redeem(id, holder.token));
        }
      }),
    );
    expect(statuses(responses)).toEqual({ "201": 100, "409 redemption_limit_reached": 30 });
    const listed = await listedRedemptions(id);
    expect(listed).toHaveLength(100);
    expect(new Set(listed.map((r) => r.id)).size).toBe(100);
    expect((await couponApi.get(id)).body.redemption_count).toBe(100);
  }, 180_000);

  it("an unlimited coupon counts every redemption: the count equals those stored", async () => {
    const id = await createCoupon({ per_account_limit: 3 });
    const holders = await newHolders(15);
    const responses = await Promise.all(
      holders.flatMap((h) => [couponApi.redeem(id, h.token), couponApi.redeem(id, h.token)]),
    );
    expect(statuses(responses)).toEqual({ "201": 30 });
    expect((await listedRedemptions(id)).length).toBe(30);
    expect((await couponApi.get(id)).body.redemption_count).toBe(30);
  }, 120_000);
});
