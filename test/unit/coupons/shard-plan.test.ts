import { describe, expect, it } from "vitest";
import type { CouponRecord } from "#coupons/core/coupon";
import { unwrittenShard } from "#coupons/core/redemption";
import { shardChangeOf, shardWrites } from "#coupons/core/shard-plan";

const record = (over: Partial<CouponRecord> = {}): CouponRecord => ({
  id: "c_1",
  code: "A",
  title: "t",
  merchant: "m",
  store: { street: "s", city: "c", lat: 0, long: 0 },
  published_at: "2026-01-01T00:00:00.000Z",
  expire_at: "2026-02-01T00:00:00.000Z",
  max_redemptions: 40,
  per_account_limit: 1,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
  version: 1,
  terms: 1,
  shard_count: 3,
  counted_redemptions: 0,
  ...over,
});

describe("the shard plan of a change", () => {
  it("deletes every shard with the coupon, and keeps them while the terms stay", () => {
    expect(shardChangeOf(record(), undefined)).toEqual({ kind: "delete", shards: [0, 1, 2] });
    expect(shardChangeOf(record(), record({ title: "new", version: 2 }))).toEqual({
      kind: "keep",
    });
  });

  it("writes no shard with a new coupon: an unwritten shard holds its first quota, under the first terms only", () => {
    const next = record();
    expect(shardChangeOf(undefined, next)).toEqual({ kind: "keep" });
    const coupon = { id: "c_1", terms: 1, maxRedemptions: 40, shardCount: 3 };
    expect([0, 1, 2].map((shard) => unwrittenShard(coupon, shard))).toEqual([
      { couponId: "c_1", n: 0, terms: 1, quota: 14 },
      { couponId: "c_1", n: 0, terms: 1, quota: 13 },
      { couponId: "c_1", n: 0, terms: 1, quota: 13 },
    ]);
    expect(unwrittenShard(coupon, 3)).toBeUndefined();
    // Once the terms moved on every shard was written: a missing one means the coupon is gone.
    expect(unwrittenShard({ ...coupon, terms: 2 }, 0)).toBeUndefined();
    expect(unwrittenShard({ ...coupon, maxRedemptions: null }, 7)).toBeUndefined();
    expect(unwrittenShard({ ...coupon, maxRedemptions: null, shardCount: 8 }, 7)).toEqual({
      couponId: "c_1",
      n: 0,
      terms: 1,
    });
  });

  it("gives new terms only when the window moves, and new quotas over the counts when limits do", () => {
    const current = record();
    const moved = record({ expire_at: "2026-03-01T00:00:00.000Z", terms: 2, version: 2 });
    const window = shardChangeOf(current, moved);
    expect(window).toEqual({ kind: "retune", existing: 3, limitsMoved: false, readCounts: false });
    if (window.kind !== "retune") throw new Error("retune expected");
    expect(shardWrites(window, moved, []).updates).toEqual([
      { shard: 0, terms: 2, quota: "kept" },
      { shard: 1, terms: 2, quota: "kept" },
      { shard: 2, terms: 2, quota: "kept" },
    ]);

    const raised = record({ max_redemptions: 70, shard_count: 5, terms: 2, version: 2 });
    const limits = shardChangeOf(current, raised);
    if (limits.kind !== "retune") throw new Error("retune expected");
    expect(limits.readCounts).toBe(true);
    const writes = shardWrites(limits, raised, [10, 0, 2]);
    expect(writes.updates).toEqual([
      { shard: 0, terms: 2, quota: 22, count: 10 },
      { shard: 1, terms: 2, quota: 12, count: 0 },
      { shard: 2, terms: 2, quota: 14, count: 2 },
    ]);
    expect(writes.created).toEqual([
      { shard: 3, quota: 11 },
      { shard: 4, quota: 11 },
    ]);
    const total = [...writes.updates, ...writes.created].reduce(
      (sum, w) => sum + (w.quota as number),
      0,
    );
    expect(total).toBe(70);

    const unlimited = record({ max_redemptions: null, shard_count: 8, terms: 2, version: 2 });
    const open = shardChangeOf(current, unlimited);
    if (open.kind !== "retune") throw new Error("retune expected");
    expect(open.readCounts).toBe(false);
    expect(shardWrites(open, unlimited, []).updates.map((u) => u.quota)).toEqual([
      "removed",
      "removed",
      "removed",
    ]);
  });

  it("refuses max_redemptions below the redemptions already made", () => {
    const lowered = record({ max_redemptions: 5, terms: 2, version: 2 });
    const change = shardChangeOf(record(), lowered);
    if (change.kind !== "retune") throw new Error("retune expected");
    expect(() => shardWrites(change, lowered, [3, 2, 1])).toThrow(
      expect.objectContaining({ code: "max_redemptions_below_count" }),
    );
    expect(shardWrites(change, lowered, [3, 2, 0]).updates.map((u) => u.quota)).toEqual([3, 2, 0]);
  });
});
