import { describe, expect, it } from "vitest";
import { couponShardCount } from "#coupons/core/coupon";
import { isActive, isValid, passesStatus, windowsOverlap } from "#coupons/core/validity";
import { normaliseValue, valueKey } from "#coupons/core/value-key";
import { shardQuotas } from "#platform/sharded-counter";

const w = (published_at: string, expire_at: string) => ({ published_at, expire_at });
const JAN = "2026-01-01T00:00:00.000Z";
const FEB = "2026-02-01T00:00:00.000Z";
const MAR = "2026-03-01T00:00:00.000Z";

describe("validity and status", () => {
  it("follows the brief: valid when expire_at ≥ published_at; active inside the window, ends included", () => {
    expect(isValid(w(JAN, FEB))).toBe(true);
    expect(isValid(w(JAN, JAN))).toBe(true);
    expect(isValid(w(FEB, JAN))).toBe(false);
    expect(isActive(w(JAN, FEB), JAN)).toBe(true);
    expect(isActive(w(JAN, FEB), FEB)).toBe(true);
    expect(isActive(w(JAN, FEB), MAR)).toBe(false);
    expect(isActive(w(FEB, JAN), FEB)).toBe(false);
  });

  it("puts every valid coupon in exactly one of scheduled, active and expired", () => {
    for (const now of [JAN, FEB, MAR, "2025-12-31T23:59:59.999Z"]) {
      const window = w(JAN, FEB);
      const statuses = (["scheduled", "active", "expired"] as const).filter((s) =>
        passesStatus(window, s, now),
      );
      expect(statuses).toHaveLength(1);
      expect(passesStatus(w(FEB, JAN), "invalid", now)).toBe(true);
      expect(
        (["scheduled", "active", "expired", "valid"] as const).some((s) =>
          passesStatus(w(FEB, JAN), s, now),
        ),
      ).toBe(false);
    }
  });

  it("overlap: ends included, an invalid window overlaps nothing", () => {
    expect(windowsOverlap(w(JAN, FEB), w(FEB, MAR))).toBe(true);
    expect(windowsOverlap(w(JAN, "2026-01-31T23:59:59.999Z"), w(FEB, MAR))).toBe(false);
    expect(windowsOverlap(w(JAN, MAR), w(FEB, FEB))).toBe(true);
    expect(windowsOverlap(w(FEB, JAN), w(JAN, MAR))).toBe(false);
  });
});

describe("shards", () => {
  it("gives small limits few shards, large and unlimited ones 8, and never fewer than before", () => {
    expect(couponShardCount(1)).toBe(1);
    expect(couponShardCount(25)).toBe(2);
    expect(couponShardCount(100)).toBe(7);
    expect(couponShardCount(1_000_000)).toBe(8);
    expect(couponShardCount(null)).toBe(8);
    expect(couponShardCount(1, 5)).toBe(5);
  });

  it("splits what is left of the limit so the quotas add up to it exactly", () => {
    expect(shardQuotas(25, [0, 0])).toEqual([13, 12]);
    expect(shardQuotas(10, [3, 0, 1])).toEqual([5, 2, 3]);
    expect(shardQuotas(4, [2, 2])).toEqual([2, 2]);
    expect(shardQuotas(3, [2, 2])).toBeUndefined();
    for (let max = 1; max < 200; max += 7) {
      const counts = [max % 3, 0, 1, 0];
      const limit = Math.max(
        max,
        counts.reduce((a, b) => a + b),
      );
      const quotas = shardQuotas(limit, counts) as number[];
      for (const [shard, quota] of quotas.entries()) {
        expect(quota).toBeGreaterThanOrEqual(counts[shard] as number);
      }
      expect(quotas.reduce((a, b) => a + b)).toBe(limit);
    }
  });
});

describe("filter values", () => {
  it("compare ignoring case, outer spaces and runs of spaces; keys are fixed-length", () => {
    expect(normaliseValue("  Pets   R Us ")).toBe("pets r us");
    expect(valueKey("Pets R Us")).toBe(valueKey(" pets  r US"));
    expect(valueKey("Pets R Us")).not.toBe(valueKey("Pets R Us!"));
    expect(valueKey("x".repeat(100))).toHaveLength(22);
    expect(valueKey("a#b")).not.toContain("#");
  });
});
