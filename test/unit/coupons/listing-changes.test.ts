import { describe, expect, it } from "vitest";
import type { CouponRecord } from "#coupons/core/coupon";
import { listingTargets } from "#coupons/core/listing-changes";

const record = (id: string, version: number, merchant = "m"): CouponRecord => ({
  id,
  code: "A",
  title: `v${version}`,
  merchant,
  store: { street: "s", city: "c", lat: 0, long: 0 },
  published_at: "2026-01-01T00:00:00.000Z",
  expire_at: "2026-12-01T00:00:00.000Z",
  max_redemptions: null,
  per_account_limit: 1,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
  version,
  terms: 1,
  shard_count: 8,
  counted_redemptions: 0,
});

describe("listing targets of a batch of coupon item changes", () => {
  it("keeps the last record of each coupon, in stream order, and every earlier one seen", () => {
    const a1 = record("a", 1);
    const a2 = record("a", 2, "moved");
    const a3 = record("a", 3, "moved again");
    const b1 = record("b", 1);
    const targets = listingTargets([
      { after: a1 },
      { after: b1 },
      { before: a1, after: a2 },
      { before: a2, after: a3 },
    ]);
    expect(targets.get("a")).toEqual({ latest: a3, earlier: [a1, a1, a2, a2] });
    expect(targets.get("b")).toEqual({ latest: b1, earlier: [] });
  });

  it("leaves nothing to copy of a coupon whose last change removed it", () => {
    const c1 = record("c", 1);
    const c2 = record("c", 2, "elsewhere");
    const targets = listingTargets([{ before: c1, after: c2 }, { before: c2 }]);
    expect(targets.get("c")).toEqual({ latest: undefined, earlier: [c1, c2, c2] });
  });

  it("comes to the same targets when a batch is delivered again", () => {
    const d1 = record("d", 1);
    const d2 = record("d", 2, "other");
    const batch = [{ after: d1 }, { before: d1, after: d2 }];
    const twice = listingTargets([...batch, ...batch]).get("d");
    expect(twice?.latest).toBe(d2);
    expect(new Set(twice?.earlier)).toEqual(new Set([d1, d2]));
  });
});
