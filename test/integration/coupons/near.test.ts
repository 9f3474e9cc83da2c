import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { CouponRecord } from "#coupons/core/coupon";
import { passesStatus } from "#coupons/core/validity";
import { clock } from "#platform/clock";
import type { Point } from "#platform/geo/distance";
import { couponApi, couponBody, everyCouponPage } from "../../support/coupon-calls";
import { storeCatalogue } from "../../support/coupon-catalogue";
import { destination, vectorDistanceKm } from "../../support/geo";
import { seededRandom } from "../../support/monitoring-reference";

const random = seededRandom(47_6097);
/** A random point within `km` of `centre` (uniform in bearing, uneven in distance: dense centres). */
const around = (centre: Point, km: number) =>
  destination(centre, km * random.next(), random.next() * 360);

const places: [string, Point, number][] = [
  ["Seattle", { lat: 47.6097, lon: -122.3422 }, 40],
  ["Taveuni, Fiji, on the antimeridian", { lat: -16.8, lon: 179.99 }, 80],
  ["the Chukchi coast, west of the antimeridian", { lat: 66.5, lon: -179.95 }, 60],
  ["the north pole", { lat: 89.9, lon: 40 }, 70],
  ["the south pole", { lat: -89.95, lon: -100 }, 70],
  ["Null Island", { lat: 0, lon: 0 }, 30],
];

const T = Date.parse("2031-03-01T00:00:00.000Z");
let catalogue: CouponRecord[] = [];

beforeAll(async () => {
  const bodies = [];
  let n = 0;
  for (const [, centre, km] of places) {
    for (let i = 0; i < 110; i++) {
      const point = around(centre, km);
      const expired = i % 5 === 0;
      bodies.push(
        couponBody({
          code: `NEAR${n++}`,
          category: i % 3 === 0 ? "Pets" : "Food",
          merchant: `Merchant ${i % 4}`,
          store: { street: `${n} Pole Rd`, city: "Somewhere", lat: point.lat, long: point.lon },
          published_at: new Date(T - 100 * 86_400_000).toISOString(),
          expire_at: new Date(T + (expired ? -1 : 100) * 86_400_000).toISOString(),
          max_redemptions: 10,
        }),
      );
    }
  }
  // The exact poles and both sides of the antimeridian, where cells meet.
  for (const [lat, lon] of [
    [90, 0],
    [-90, 0],
    [0, 180],
    [0, -180],
    [-16.8, 180],
    [-16.8, -180],
  ] as const) {
    bodies.push(
      couponBody({
        code: `EDGE${n++}`,
        store: { street: "Edge", city: "Edge", lat, long: lon },
        max_redemptions: 10,
        published_at: new Date(T - 86_400_000).toISOString(),
        expire_at: new Date(T + 86_400_000).toISOString(),
      }),
    );
  }
  catalogue = await storeCatalogue(bodies);
}, 180_000);

afterAll(() => {
  clock.now = () => Date.now();
});

/** Brute force over the whole catalogue: every coupon within the radius, nearest first. */
function expected(centre: Point, radius: number, keep: (c: CouponRecord) => boolean = () => true) {
  return catalogue
    .map((c) => ({ c, d: vectorDistanceKm(centre, { lat: c.store.lat, lon: c.store.long }) }))
    .filter(({ c, d }) => d <= radius && keep(c))
    .sort((a, b) => a.d - b.d || (a.c.id < b.c.id ? -1 : 1));
}

const everyPage = async (query: Record<string, string>, limit: number) =>
  (await everyCouponPage(query, limit)).flat();

/**
 * The same coupons (but those within a nanometre of the edge, where formulas may disagree), in
 * an order the brute force agrees with: nearest first, up to a nanometre (two formulas differ
 * in the last bits, e.g. for one place written at 180° and at −180°).
 */
function expectSame(
  items: { id: string; distance_km: number }[],
  wanted: ReturnType<typeof expected>,
  radius: number,
) {
  const onEdge = new Set(
    wanted.filter(({ d }) => Math.abs(d - radius) < 1e-9).map(({ c }) => c.id),
  );
  const got = items.filter((item) => !onEdge.has(item.id));
  const kept = wanted.filter(({ c }) => !onEdge.has(c.id));
  expect(new Set(got.map((item) => item.id))).toEqual(new Set(kept.map(({ c }) => c.id)));
  expect(got).toHaveLength(kept.length);
  const distances = new Map(kept.map(({ c, d }) => [c.id, d]));
  for (const [i, item] of got.entries()) {
    const d = distances.get(item.id) as number;
    expect(item.distance_km).toBeCloseTo(d, 2);
    const previous = got[i - 1];
    if (!previous) continue;
    const before = distances.get(previous.id) as number;
    expect(d, `${previous.id} then ${item.id}`).toBeGreaterThan(before - 1e-9);
  }
}

const searches: [string, Point, number][] = places.flatMap(([name, centre]) =>
  [0.1, 2, 15, 50].map((radius) => [name, centre, radius] as [string, Point, number]),
);

describe("near: nearest first, exactly the coupons within the radius", () => {
  it.each(searches)(
    "around %s within %s km, through every page",
    async (_, centre, radius) => {
      clock.now = () => T;
      const items = await everyPage(
        { near: `${centre.lat},${centre.lon}`, radius_km: String(radius) },
        9,
      );
      const wanted = expected(centre, radius);
      expectSame(items, wanted, radius);
    },
    60_000,
  );

  it("finds them across the antimeridian from either side, and at the poles from any longitude", async () => {
    clock.now = () => T;
    for (const centre of [
      { lat: -16.8, lon: -179.99 },
      { lat: -16.8, lon: 179.999 },
      { lat: 0, lon: -179.9999 },
      { lat: 89.99, lon: -170 },
      { lat: -89.99, lon: 60 },
    ]) {
      const items = await everyPage({ near: `${centre.lat},${centre.lon}`, radius_km: "50" }, 100);
      const wanted = expected(centre, 50);
      expect(wanted.length).toBeGreaterThan(0);
      expectSame(items, wanted, 50);
    }
  });

  it("combines with the other filters", async () => {
    clock.now = () => T;
    const now = new Date(T).toISOString();
    const centre = places[0]?.[1] as Point;
    const near = `${centre.lat},${centre.lon}`;
    const cases: [Record<string, string>, (c: CouponRecord) => boolean][] = [
      [{ category: "pets" }, (c) => c.category === "Pets"],
      [{ status: "active" }, (c) => passesStatus(c, "active", now)],
      [
        { status: "expired", merchant: "Merchant 1" },
        (c) => passesStatus(c, "expired", now) && c.merchant === "Merchant 1",
      ],
      [{ code: catalogue[3]?.code as string }, (c) => c.id === catalogue[3]?.id],
    ];
    for (const [filters, keep] of cases) {
      const items = await everyPage({ ...filters, near, radius_km: "50" }, 6);
      expectSame(items, expected(centre, 50, keep), 50);
    }
  });

  it("refuses a cursor from another search", async () => {
    const centre = places[0]?.[1] as Point;
    const first = await couponApi.list({
      near: `${centre.lat},${centre.lon}`,
      radius_km: "50",
      limit: "1",
    });
    expect(first.body.next_cursor).toBeTruthy();
    const other = await couponApi.list({
      near: `${centre.lat},${centre.lon}`,
      radius_km: "49",
      cursor: first.body.next_cursor,
    });
    expect(other.status).toBe(422);
  });
});
