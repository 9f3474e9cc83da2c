import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CouponRecord } from "#coupons/core/coupon";
import { passesStatus, type StatusFilter, statusFilters } from "#coupons/core/validity";
import { normaliseValue, orderKey } from "#coupons/core/value-key";
import { clock } from "#platform/clock";
import { couponApi, couponBody, everyCouponPage } from "../../support/coupon-calls";
import { storeCatalogue } from "../../support/coupon-catalogue";

const T = Date.parse("2030-01-15T12:00:00.000Z");
const DAY = 86_400_000;
const at = (days: number) => new Date(T + days * DAY).toISOString();

/** Windows by kind, as of T; each kind's windows at one merchant never overlap another's. */
const windows = {
  expired: [at(-20), at(-5)],
  active: [at(-4), at(4)],
  "published exactly now": [at(0), at(30)],
  "expiring exactly now": [at(-30), at(0)],
  scheduled: [at(5), at(20)],
  invalid: [at(1), at(-1)],
} as const;

let catalogue: CouponRecord[] = [];

beforeAll(async () => {
  const bodies = [];
  let n = 0;
  for (const category of ["Food", "Pets", undefined]) {
    for (const merchant of ["Cafe Uno", "Pets R Us"]) {
      for (const city of ["Seattle", "Paris"]) {
        for (const [kind, [published_at, expire_at]] of Object.entries(windows)) {
          // SHARED is reused by merchants and campaigns whose windows never meet.
          const shared = city === "Paris" && category === "Food" && kind !== "active";
          const code =
            shared && kind !== "published exactly now" && kind !== "expiring exactly now"
              ? "SHARED"
              : `C${n}`;
          n++;
          bodies.push(
            couponBody({
              code,
              title: `${kind} ${n}`,
              category,
              merchant,
              store: { street: `${n} Main St`, city, lat: 47.6, long: -122.3 },
              published_at,
              expire_at,
            }),
          );
        }
      }
    }
  }
  catalogue = await storeCatalogue(bodies, T - 60 * DAY);
}, 120_000);

afterAll(() => {
  clock.now = () => Date.now();
});

interface Filters {
  status?: StatusFilter;
  category?: string;
  merchant?: string;
  city?: string;
  code?: string;
}

/** The brute-force answer: every coupon passing every filter, in the list's documented order. */
function expected(filters: Filters, now: string): string[] {
  const same = (value: string | undefined, wanted: string | undefined) =>
    wanted === undefined ||
    (value !== undefined && normaliseValue(value) === normaliseValue(wanted));
  const matching = catalogue.filter(
    (c) =>
      (filters.status === undefined || passesStatus(c, filters.status, now)) &&
      same(c.category, filters.category) &&
      same(c.merchant, filters.merchant) &&
      same(c.store.city, filters.city) &&
      same(c.code, filters.code),
  );
  const [attribute, descending] =
    filters.status === "active"
      ? (["expire_at", false] as const)
      : filters.status === "scheduled"
        ? (["published_at", false] as const)
        : filters.status === "expired"
          ? (["expire_at", true] as const)
          : (["created_at", true] as const);
  return matching
    .map((c) => ({ id: c.id, key: orderKey(c[attribute], c.id) }))
    .sort((a, b) => (a.key < b.key ? -1 : 1) * (descending ? -1 : 1))
    .map((c) => c.id);
}

/** The ids of every page of a list; no page is over the limit. */
async function everyPage(query: Record<string, string>, limit: number): Promise<string[]> {
  const pages = await everyCouponPage(query, limit);
  for (const page of pages) expect(page.length).toBeLessThanOrEqual(limit);
  return pages.flat().map((item) => item.id);
}

const combinations: Filters[] = [];
for (const status of [undefined, ...statusFilters]) {
  for (const category of [undefined, "food"]) {
    for (const merchant of [undefined, "  PETS r us "]) {
      for (const city of [undefined, "PARIS"]) {
        for (const code of [undefined, "shared"]) {
          const filters: Filters = {};
          if (status) filters.status = status;
          if (category) filters.category = category;
          if (merchant) filters.merchant = merchant;
          if (city) filters.city = city;
          if (code) filters.code = code;
          combinations.push(filters);
        }
      }
    }
  }
}

describe("every filter and combination, page after page", () => {
  it(`has a catalogue with something in most of the ${combinations.length} combinations`, () => {
    clock.now = () => T;
    const empty = combinations.filter((filters) => expected(filters, at(0)).length === 0);
    expect(empty.length).toBeLessThan(combinations.length / 2);
  });

  it.each(combinations.map((filters) => [JSON.stringify(filters), filters] as const))(
    "%s lists exactly the matching coupons, in order, with none missing or repeated",
    async (_, filters) => {
      clock.now = () => T;
      const ids = await everyPage(filters as Record<string, string>, 4);
      expect(ids).toEqual(expected(filters, at(0)));
      expect(new Set(ids).size).toBe(ids.length);
    },
    60_000,
  );
});

describe("the time filters follow the clock", () => {
  it.each([-30, -4.5, 0, 4.5, 25])(
    "at T%+d days, active, scheduled and expired are exact",
    async (days) => {
      clock.now = () => T + days * DAY;
      for (const status of ["active", "scheduled", "expired"] as const) {
        for (const merchant of [undefined, "Cafe Uno"]) {
          const filters: Filters = merchant ? { status, merchant } : { status };
          expect(
            await everyPage(filters as Record<string, string>, 7),
            JSON.stringify(filters),
          ).toEqual(expected(filters, at(days)));
        }
      }
    },
  );

  it("a coupon published exactly now and one expiring exactly now are both active", async () => {
    clock.now = () => T;
    const active = await couponApi.list({ status: "active", limit: "100" });
    const titles = active.body.items.map((item: { title: string }) => item.title);
    expect(titles.some((t: string) => t.startsWith("published exactly now"))).toBe(true);
    expect(titles.some((t: string) => t.startsWith("expiring exactly now"))).toBe(true);
    expect(active.body.items.every((item: { active: boolean }) => item.active)).toBe(true);
  });
});

describe("cursors", () => {
  it("refuses a cursor of another list", async () => {
    clock.now = () => T;
    const first = await couponApi.list({ limit: "2" });
    const cursor = first.body.next_cursor as string;
    const queries: Record<string, string>[] = [
      { status: "valid" },
      { merchant: "Cafe Uno" },
      { code: "SHARED" },
    ];
    for (const query of queries) {
      const response = await couponApi.list({ ...query, cursor });
      expect(response.status, JSON.stringify(query)).toBe(422);
    }
    const coded = await couponApi.list({ code: "SHARED", limit: "1" });
    const other = await couponApi.list({ code: "C1", cursor: coded.body.next_cursor });
    expect(other.status).toBe(422);
  });
});
