import { afterEach, describe, expect, it } from "vitest";
import { forgetTerms } from "#coupons/terms-cache";
import { clock } from "#platform/clock";
import { couponApi, newHolder, newHolders } from "../../support/coupon-calls";
import { createCoupon, listedRedemptions, statuses } from "../../support/coupon-redemptions";
import { expectProblem } from "../../support/problem";

afterEach(() => {
  clock.now = () => Date.now();
});

describe("redeeming a coupon", () => {
  it("answers 201 with the redemption, listed for the holder and the manager", async () => {
    const id = await createCoupon();
    const holder = await newHolder();
    const response = await couponApi.redeem(id, holder.token);
    expect(response.status, JSON.stringify(response.body)).toBe(201);
    expect(response.body).toEqual({
      id: expect.stringMatching(/^rd_[0-9a-f]{32}$/),
      coupon_id: id,
      account_id: holder.accountId,
      redeemed_at: expect.any(String),
    });
    expect((await couponApi.myRedemptions(holder.token)).body).toEqual({
      items: [response.body],
      next_cursor: null,
    });
    expect(await listedRedemptions(id)).toEqual([response.body]);
    expect((await couponApi.get(id)).body.redemption_count).toBe(1);
  });
});

describe("what a redemption refuses", () => {
  it("401 without a valid bearer token", async () => {
    const id = await createCoupon();
    for (const token of [undefined, "not-a-token", "a".repeat(43)]) {
      const response = await couponApi.redeem(id, token);
      expectProblem(response, 401, "unauthenticated");
      expect(response.headers["www-authenticate"]).toBe("Bearer");
    }
    expectProblem(await couponApi.myRedemptions(), 401, "unauthenticated");
  });

  it("404 for a coupon that does not exist", async () => {
    const { token } = await newHolder();
    for (const id of ["c_0123456789abcdef0123456789abcdef", "PETS"]) {
      expectProblem(await couponApi.redeem(id, token), 404, "coupon_not_found");
    }
  });

  it("409 coupon_not_active before, after and outside a valid window", async () => {
    // One clock moves the coupon's "now" and the session's: a holder logs in at each moment.
    const holderAt = async (now: number) => {
      clock.now = () => now;
      return (await newHolder()).token;
    };
    const start = Date.parse("2032-05-01T00:00:00.000Z");
    const end = Date.parse("2032-05-31T00:00:00.000Z");
    const id = await createCoupon({
      published_at: new Date(start).toISOString(),
      expire_at: new Date(end).toISOString(),
    });
    const invalid = await createCoupon({
      published_at: new Date(end).toISOString(),
      expire_at: new Date(start).toISOString(),
    });
    for (const now of [start - 1, end + 1]) {
      expectProblem(await couponApi.redeem(id, await holderAt(now)), 409, "coupon_not_active");
    }
    expectProblem(
      await couponApi.redeem(invalid, await holderAt(start + 1000)),
      409,
      "coupon_not_active",
    );
    expect((await couponApi.redeem(id, await holderAt(end))).status).toBe(201);
    expect((await couponApi.get(id)).body.redemption_count).toBe(1);
  });

  it("a deleted coupon cannot be redeemed, its redemptions stay listed for the holder", async () => {
    const id = await createCoupon({ per_account_limit: 5 });
    const holder = await newHolder();
    const redeemed = await couponApi.redeem(id, holder.token);
    expect(redeemed.status).toBe(201);
    // This process now has the coupon's terms cached: the deletion must still win.
    expect((await couponApi.delete(id)).status).toBe(204);
    expectProblem(await couponApi.redeem(id, holder.token), 404, "coupon_not_found");
    expect((await couponApi.myRedemptions(holder.token)).body.items).toEqual([redeemed.body]);
    expectProblem(await couponApi.redemptions(id), 404, "coupon_not_found");
  });

  it("a deleted coupon's shards not yet written cannot be taken for new ones", async () => {
    // One shard, never redeemed: it was never written. A read caches the first terms here.
    const id = await createCoupon({ max_redemptions: 16 });
    expect((await couponApi.get(id)).status).toBe(200);
    expect((await couponApi.delete(id)).status).toBe(204);
    expectProblem(await couponApi.redeem(id, (await newHolder()).token), 404, "coupon_not_found");
  });

  it("a change of the window writes the shards no redemption wrote, with their first quotas", async () => {
    // max 40: three shards (14, 13, 13), none written; moving the window writes all three.
    const id = await createCoupon({ max_redemptions: 40, per_account_limit: 50 });
    const moved = { expire_at: new Date(Date.now() + 400 * 86_400_000).toISOString() };
    expect((await couponApi.patch(id, moved)).status).toBe(200);
    const holder = await newHolder();
    const answers = [];
    for (let i = 0; i < 42; i++) answers.push(await couponApi.redeem(id, holder.token));
    expect(statuses(answers)).toEqual({ "201": 40, "409 redemption_limit_reached": 2 });
    expect((await couponApi.get(id)).body.redemption_count).toBe(40);
  });

  it("follows a change of the terms at once, even from a process that cached the old ones", async () => {
    const id = await createCoupon({ per_account_limit: 1, max_redemptions: 3 });
    const holder = await newHolder();
    expect((await couponApi.redeem(id, holder.token)).status).toBe(201);
    expectProblem(await couponApi.redeem(id, holder.token), 409, "account_limit_reached");
    expect((await couponApi.patch(id, { per_account_limit: 2 })).status).toBe(200);
    expect((await couponApi.redeem(id, holder.token)).status).toBe(201);
    // The window moves into the past: the cached terms say active, the coupon says no.
    const past = { published_at: "2020-01-01T00:00:00Z", expire_at: "2020-12-31T00:00:00Z" };
    expect((await couponApi.patch(id, past)).status).toBe(200);
    expectProblem(await couponApi.redeem(id, (await newHolder()).token), 409, "coupon_not_active");
  });

  it("max_redemptions may rise or fall, never below the redemptions made", async () => {
    const id = await createCoupon({ max_redemptions: 2 });
    const holders = await newHolders(6);
    for (const holder of holders.slice(0, 2)) {
      expect((await couponApi.redeem(id, holder.token)).status).toBe(201);
    }
    expectProblem(await couponApi.redeem(id, holders[2]?.token), 409, "redemption_limit_reached");
    expectProblem(
      await couponApi.patch(id, { max_redemptions: 1 }),
      409,
      "max_redemptions_below_count",
    );
    const raised = await couponApi.patch(id, { max_redemptions: 4 });
    expect(raised.body).toMatchObject({ max_redemptions: 4, redemption_count: 2 });
    const more = await Promise.all(holders.slice(2).map((h) => couponApi.redeem(id, h.token)));
    expect(statuses(more)).toEqual({ "201": 2, "409 redemption_limit_reached": 2 });
    expect((await couponApi.patch(id, { max_redemptions: null })).status).toBe(200);
    expect((await couponApi.redeem(id, (await newHolder()).token)).status).toBe(201);
    expect((await couponApi.get(id)).body.redemption_count).toBe(5);
  });

  it("a cold process reads the coupon; refusals are never made from the cache alone", async () => {
    const id = await createCoupon({
      published_at: "2040-01-01T00:00:00Z",
      expire_at: "2040-12-31T00:00:00Z",
    });
    forgetTerms(id);
    const { token } = await newHolder();
    expectProblem(await couponApi.redeem(id, token), 409, "coupon_not_active");
    expect((await couponApi.patch(id, { published_at: "2020-01-01T00:00:00Z" })).status).toBe(200);
    expect((await couponApi.redeem(id, token)).status).toBe(201);
  });
});

describe("redemption lists", () => {
  it("are newest first, paged without gaps or repeats, and managers only for a coupon's", async () => {
    const id = await createCoupon({ per_account_limit: 20 });
    const holder = await newHolder();
    const made = [];
    const start = Date.now();
    for (let i = 0; i < 12; i++) {
      clock.now = () => start + i * 1000;
      made.push((await couponApi.redeem(id, holder.token)).body);
    }
    const newest = [...made].reverse();
    const pages = [];
    let cursor: string | undefined;
    do {
      const page = await couponApi.myRedemptions(holder.token, {
        limit: "5",
        ...(cursor ? { cursor } : {}),
      });
      pages.push(page.body.items);
      cursor = page.body.next_cursor ?? undefined;
    } while (cursor);
    expect(pages.map((items) => items.length)).toEqual([5, 5, 2]);
    expect(pages.flat()).toEqual(newest);
    expect(await listedRedemptions(id)).toEqual(newest);
    expectProblem(await couponApi.redemptions(id, {}, "203.0.113.50"), 403, "forbidden");
    expectProblem(await couponApi.redemptions(id, { cursor: "garbage" }), 422, "validation_failed");
  });
});
