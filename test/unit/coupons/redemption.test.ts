import { describe, expect, it } from "vitest";
import {
  accountLimitReached,
  activeStep,
  type CouponTerms,
  fullShards,
  limitReached,
  pickShard,
  refusalOf,
} from "#coupons/core/redemption";
import { DomainError } from "#platform/errors";

const JAN = "2026-01-01T00:00:00.000Z";
const FEB = "2026-02-01T00:00:00.000Z";
const MAR = "2026-03-01T00:00:00.000Z";

const terms = (over: Partial<CouponTerms> = {}): CouponTerms => ({
  id: "c_1",
  terms: 3,
  window: { published_at: JAN, expire_at: FEB },
  perAccountLimit: 1,
  maxRedemptions: null,
  shardCount: 4,
  full: new Set(),
  ...over,
});

describe("the redeem decision", () => {
  it("goes inside the window; outside it reloads a cached copy and refuses a confirmed one", () => {
    expect(activeStep(terms(), JAN, false)).toBe("go");
    expect(activeStep(terms(), MAR, false)).toBe("reload");
    expect(() => activeStep(terms(), MAR, true)).toThrow(
      expect.objectContaining({ code: "coupon_not_active" }),
    );
    // An invalid window is never active.
    const invalid = terms({ window: { published_at: FEB, expire_at: JAN } });
    expect(() => activeStep(invalid, FEB, true)).toThrow(DomainError);
  });

  it("picks only shards not known to be full, and none once all are", () => {
    const coupon = terms({ full: new Set([0, 2]) });
    expect(pickShard(coupon, () => 0)).toBe(1);
    expect(pickShard(coupon, () => 1)).toBe(3);
    const seen = new Set<number>();
    for (let i = 0; i < 2; i++) seen.add(pickShard(coupon, () => i) as number);
    expect([...seen].sort()).toEqual([1, 3]);
    expect(pickShard(terms({ full: new Set([0, 1, 2, 3]) }), () => 0)).toBeUndefined();
  });

  it("finds the full shards under the current terms, or says the coupon moved on", () => {
    const coupon = terms({ shardCount: 3 });
    const shard = (n: number, quota?: number, t = 3) => ({
      couponId: "c_1",
      n,
      terms: t,
      ...(quota === undefined ? {} : { quota }),
    });
    expect(fullShards(coupon, [shard(5, 5), shard(4, 5), shard(9)])).toEqual(new Set([0]));
    expect(fullShards(coupon, [shard(6, 5), shard(5, 5), shard(5, 5)])).toEqual(new Set([0, 1, 2]));
    expect(fullShards(coupon, [shard(1, 5), undefined, shard(1, 5)])).toBeUndefined();
    expect(fullShards(coupon, [shard(1, 5), shard(1, 5, 4), shard(1, 5)])).toBeUndefined();
    // Under the first terms a missing shard is one not written yet: empty, its first quota.
    const first = terms({ terms: 1, shardCount: 2, maxRedemptions: 40 });
    expect(fullShards(first, [shard(20, 20, 1), undefined])).toEqual(new Set([0]));
    // A tombstone (terms 0, the coupon deleted) is never taken for an open shard.
    expect(fullShards(first, [shard(0, 20, 0), undefined])).toBeUndefined();
  });

  it("tells why a transaction was refused: stale terms first, then the account, then a full shard", () => {
    expect(refusalOf(3, { shard: true, holderCount: false }, undefined)).toBe("stale");
    expect(refusalOf(3, { shard: true, holderCount: true }, 4)).toBe("stale");
    expect(refusalOf(3, { shard: true, holderCount: true }, 3)).toBe("account_limit");
    expect(refusalOf(3, { shard: false, holderCount: true }, undefined)).toBe("account_limit");
    expect(refusalOf(3, { shard: true, holderCount: false }, 3)).toBe("full");
  });

  it("refuses with the codes the route declares", () => {
    expect(limitReached().code).toBe("redemption_limit_reached");
    const account = accountLimitReached(2);
    expect(account.code).toBe("account_limit_reached");
    expect(account.detail).toContain("2 time(s)");
  });
});
