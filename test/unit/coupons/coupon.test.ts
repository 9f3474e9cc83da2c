import { describe, expect, it } from "vitest";
import { patchedInput } from "#coupons/api/coupon-patch";
import { couponBody } from "#coupons/api/schemas";
import { assertCodeFree, claimedWindows, claimsCode } from "#coupons/core/code-rule";
import {
  assertVersion,
  inputOf,
  isCouponId,
  keysOf,
  newRecord,
  replacedRecord,
} from "#coupons/core/coupon";

const T0 = "2026-01-01T00:00:00.000Z";
const T1 = "2026-01-02T00:00:00.000Z";
const body = couponBody.parse({
  code: "SUMMER25",
  title: "25% off",
  category: "Food",
  merchant: "Cafe Uno",
  store: { street: "1 Pike St", city: "Seattle", lat: 47.6, long: -122.3 },
  published_at: "2026-11-01T00:00:00Z",
  expire_at: "2026-12-31T00:00:00Z",
  max_redemptions: 100,
  per_account_limit: 1,
});

describe("the coupon record", () => {
  it("starts at version 1, terms 1, with the shards its limit needs", () => {
    const record = newRecord(body, "c_1", T0);
    expect(record).toMatchObject({ id: "c_1", version: 1, terms: 1, shard_count: 7 });
    expect(record.created_at).toBe(T0);
    expect(isCouponId(`c_${"0".repeat(32)}`)).toBe(true);
    expect(isCouponId("c_1")).toBe(false);
    expect(keysOf(record).merchant).toBe(keysOf({ ...record, merchant: " cafe  uno" }).merchant);
  });

  it("bumps the version on any change, the terms only when the window or limits change", () => {
    const current = newRecord(body, "c_1", T0);
    expect(replacedRecord(current, body, T1)).toBeUndefined();
    const retitled = replacedRecord(current, { ...body, title: "30% off" }, T1);
    expect(retitled).toMatchObject({ version: 2, terms: 1, updated_at: T1, shard_count: 7 });
    const limited = replacedRecord(current, { ...body, max_redemptions: 5 }, T1);
    // Shards only grow: a lower limit keeps the shards that hold counts.
    expect(limited).toMatchObject({ version: 2, terms: 2, shard_count: 7 });
    const withoutCategory = replacedRecord(current, { ...body, category: undefined }, T1);
    expect(withoutCategory?.category).toBeUndefined();
  });

  it("412 precondition_failed unless the version condition holds", () => {
    expect(() => assertVersion(undefined, 3)).not.toThrow();
    expect(() => assertVersion((v) => v === 3, 3)).not.toThrow();
    expect(() => assertVersion((v) => v === 2, 3)).toThrow(
      expect.objectContaining({ code: "precondition_failed" }),
    );
  });

  it("applies a merge patch to the body form and validates the whole", () => {
    const current = newRecord(body, "c_1", T0);
    expect(inputOf(current)).toMatchObject({ code: "SUMMER25", category: "Food" });
    const patched = patchedInput(current, { title: "New", category: null });
    expect(patched.title).toBe("New");
    expect(patched.category).toBeUndefined();
    expect(() => patchedInput(current, { title: null })).toThrow(
      expect.objectContaining({ code: "validation_failed" }),
    );
  });
});

describe("the code rule", () => {
  const claim = (windows: Record<string, [string, string]>) => ({
    key: { pk: "CPN#CLAIM#m#c", sk: "CLAIM" },
    version: 1,
    windows,
  });
  const record = newRecord(body, "c_new", T0);

  it("refuses a window overlapping another coupon's, not its own nor a disjoint one", () => {
    expect(() =>
      assertCodeFree(
        claim({ c_old: ["2026-12-01T00:00:00.000Z", "2027-01-31T00:00:00.000Z"] }),
        record,
      ),
    ).toThrow(expect.objectContaining({ code: "code_taken" }));
    expect(() =>
      assertCodeFree(
        claim({ c_new: ["2026-12-01T00:00:00.000Z", "2027-01-31T00:00:00.000Z"] }),
        record,
      ),
    ).not.toThrow();
    expect(() =>
      assertCodeFree(
        claim({ c_old: ["2025-01-01T00:00:00.000Z", "2025-02-01T00:00:00.000Z"] }),
        record,
      ),
    ).not.toThrow();
  });

  it("sets or removes a coupon's window; an invalid coupon claims nothing", () => {
    const before = claim({ c_old: [T0, T1] });
    expect(claimedWindows(before, "c_new", record)).toEqual({
      c_old: [T0, T1],
      c_new: [record.published_at, record.expire_at],
    });
    expect(claimedWindows(before, "c_old", undefined)).toEqual({});
    expect(before.windows).toEqual({ c_old: [T0, T1] });
    expect(claimsCode(record)).toBe(true);
    expect(claimsCode({ ...record, expire_at: T0, published_at: T1 })).toBe(false);
  });
});
