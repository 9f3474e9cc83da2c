import { describe, expect, it } from "vitest";
import type { CouponRecord } from "#coupons/core/coupon";
import { filterExpression } from "#coupons/core/filters";
import { orderOf, pageInListOrder } from "#coupons/core/list-order";
import { nearRanking } from "#coupons/core/near-ranking";
import {
  decodePosition,
  fingerprint,
  lexicographic,
  pageOfSorted,
} from "#coupons/core/sorted-page";
import { valueKey } from "#coupons/core/value-key";

const NOW = "2026-06-01T00:00:00.000Z";

const record = (id: string, over: Partial<CouponRecord> = {}): CouponRecord => ({
  id,
  code: "A",
  title: "t",
  merchant: "m",
  store: { street: "s", city: "c", lat: 0, long: 0 },
  published_at: "2026-01-01T00:00:00.000Z",
  expire_at: "2026-12-01T00:00:00.000Z",
  max_redemptions: 10,
  per_account_limit: 1,
  created_at: "2026-01-01T00:00:00.000Z",
  updated_at: "2026-01-01T00:00:00.000Z",
  version: 1,
  terms: 1,
  shard_count: 1,
  counted_redemptions: 0,
  ...over,
});

describe("filters", () => {
  it("compares the normalised keys and puts each status's window condition", () => {
    expect(filterExpression({}, NOW)).toEqual({});
    expect(filterExpression({ merchant: " Cafe  UNO ", status: "active" }, NOW)).toEqual({
      FilterExpression:
        "merchant_key = :merchant AND #valid = :true AND published_at <= :now AND expire_at >= :now",
      ExpressionAttributeNames: { "#valid": "valid" },
      ExpressionAttributeValues: { ":merchant": valueKey("cafe uno"), ":true": true, ":now": NOW },
    });
    expect(filterExpression({ status: "invalid" }, NOW).ExpressionAttributeValues).toEqual({
      ":false": false,
    });
  });

  it("leaves out what the Query's key already serves", () => {
    expect(filterExpression({ code: "X", city: "Lyon" }, NOW, ["code"])).toEqual({
      FilterExpression: "city_key = :city",
      ExpressionAttributeValues: { ":city": valueKey("Lyon") },
    });
    expect(filterExpression({ status: "valid" }, NOW, ["status"])).toEqual({});
  });
});

describe("sorted pages and list order", () => {
  it("orders newest first, and the time filters by the time they test", () => {
    expect(orderOf(undefined)).toEqual({ attribute: "created_at", descending: true });
    expect(orderOf("active")).toEqual({ attribute: "expire_at", descending: false });
    expect(orderOf("scheduled")).toEqual({ attribute: "published_at", descending: false });
    expect(orderOf("expired")).toEqual({ attribute: "expire_at", descending: true });
  });

  it("pages through a list read whole, and refuses another list's cursor or a forged one", () => {
    const records = ["c_b", "c_a", "c_c"].map((id, i) =>
      record(id, { created_at: `2026-01-0${i + 1}T00:00:00.000Z` }),
    );
    const first = pageInListOrder(records, { code: "A", limit: 2 });
    expect(first.items.map((i) => i.record.id)).toEqual(["c_c", "c_a"]);
    expect(first.next_cursor).not.toBeNull();
    const second = pageInListOrder(records, {
      code: "A",
      limit: 2,
      cursor: first.next_cursor as string,
    });
    expect(second).toEqual({ items: [{ record: records[0] }], next_cursor: null });
    const other = { code: "B", limit: 2, cursor: first.next_cursor as string };
    expect(() => pageInListOrder(records, other)).toThrow(
      expect.objectContaining({ code: "validation_failed" }),
    );
    expect(() => decodePosition("not json", "x")).toThrow(
      expect.objectContaining({ code: "validation_failed" }),
    );
  });

  it("compares positions part by part, either way", () => {
    const up = lexicographic();
    expect(up([1, "b"], [1, "a"])).toBeGreaterThan(0);
    expect(up([0.5, "z"], [1, "a"])).toBeLessThan(0);
    expect(lexicographic(true)(["a"], ["b"])).toBeGreaterThan(0);
    const list = fingerprint({ q: 1 });
    const page = pageOfSorted(
      [1, 2, 3].map((n) => ({ position: [n], item: n })),
      { limit: 1 },
      list,
      up,
    );
    expect(decodePosition(page.next_cursor as string, list)).toEqual([1]);
  });
});

describe("near ranking", () => {
  const centre = { lat: 45.764, lon: 4.8357 };
  const at = (id: string, km: number) =>
    record(id, {
      store: { street: "s", city: "Lyon", lat: centre.lat + km / 111.2, long: centre.lon },
    });

  it("keeps the coupons within the radius, nearest first, and pages on by distance", () => {
    const query = { near: centre, radius_km: 2, limit: 2 };
    const ranking = nearRanking(query);
    ranking.take([at("c_far", 3), at("c_2", 1.5), at("c_1", 0.5)]);
    ranking.take([at("c_0", 0.1)]);
    const first = ranking.page();
    expect(first.items.map((i) => i.record.id)).toEqual(["c_0", "c_1"]);
    expect(first.items[0]?.distanceKm).toBeCloseTo(0.1, 2);
    const next = nearRanking({ ...query, cursor: first.next_cursor as string });
    next.take([at("c_2", 1.5), at("c_1", 0.5), at("c_0", 0.1)]);
    expect(next.page().items.map((i) => i.record.id)).toEqual(["c_2"]);
  });

  it("reads the nearest cells first, a few at a time, and none beyond the page's last candidate", () => {
    const ranking = nearRanking({ near: centre, radius_km: 5, limit: 1 });
    const pending = ranking.startCells();
    expect(pending.length).toBeGreaterThan(0);
    expect(pending.length).toBeLessThanOrEqual(32);
    const before = pending.length;
    const wave = ranking.nextWave(pending);
    expect(wave.length).toBeLessThanOrEqual(4);
    expect(pending.length).toBe(before - wave.length);
    expect(wave.map((c) => c.nearest)).toEqual(
      [...wave.map((c) => c.nearest)].sort((a, b) => a - b),
    );
    // Two coupons at the centre settle a page of one: only cells touching the centre remain.
    ranking.take([at("c_a", 0), at("c_b", 0)]);
    expect(ranking.nextWave(pending).every((c) => c.nearest <= 0)).toBe(true);
    expect(ranking.children(wave[0]?.hash as string).length).toBeGreaterThan(0);
  });

  it("refuses a cursor that is not a distance and an id", () => {
    const query = { near: centre, radius_km: 2, limit: 2 };
    const { limit: _l, ...asked } = query;
    const forged = Buffer.from(
      JSON.stringify({ q: fingerprint(asked), after: ["x", "c_1"] }),
    ).toString("base64url");
    expect(() => nearRanking({ ...query, cursor: forged })).toThrow(
      expect.objectContaining({ code: "validation_failed" }),
    );
  });
});
