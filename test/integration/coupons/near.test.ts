import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { couponsClock } from "../../../shared/coupons/clock";
import type { CouponRecord } from "../../../shared/coupons/record";
import { passesStatus } from "../../../shared/coupons/validity";
import { EARTH_RADIUS_KM, type Point } from "../../../shared/geo/distance";
import { couponApi, couponBody } from "../../support/coupon-calls";
import { storeCatalogue } from "../../support/coupon-catalogue";
import { seededRandom } from "../../support/monitoring-reference";

/** The great-circle distance by unit vectors: not the formula the service uses. */
function bruteDistanceKm(a: Point, b: Point): number {
  const vector = ({ lat, lon }: Point) => {
    const [phi, lambda] = [(lat * Math.PI) / 180, (lon * Math.PI) / 180];
    return [Math.cos(phi) * Math.cos(lambda), Math.cos(phi) * Math.sin(lambda), Math.sin(phi)];
  };
  const [x1, y1, z1] = vector(a) as [number, number, number];
  const [x2, y2, z2] = vector(b) as [number, number, number];
  const cross = Math.hypot(y1 * z2 - z1 * y2, z1 * x2 - x1 * z2, x1 * y2 - y1 * x2);
  return EARTH_RADIUS_KM * Math.atan2(cross, x1 * x2 + y1 * y2 + z1 * z2);
}

const random = seededRandom(47_6097);
/** A random point within `km` of `centre` (uniform in bearing, uneven in distance: dense centres). */
function around(centre: Point, km: number): Point {
  const delta = (km * random.next()) / EARTH_RADIUS_KM;
  const theta = random.next() * 2 * Math.PI;
  const phi1 = (centre.lat * Math.PI) / 180;
  const phi2 = Math.asin(
    Math.sin(phi1) * Math.cos(delta) + Math.cos(phi1) * Math.sin(delta) * Math.cos(theta),
  );
  const lambda =
    (centre.lon * Math.PI) / 180 +
    Math.atan2(
      Math.sin(theta) * Math.sin(delta) * Math.cos(phi1),
      Math.cos(delta) - Math.sin(phi1) * Math.sin(phi2),
    );
  return { lat: (phi2 * 180) / Math.PI, lon: (((lambda * 180) / Math.PI + 540) % 360) - 180 };
}

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
  couponsClock.now = () => Date.now();
});

/** Brute force over the whole catalogue: every coupon within the radius, nearest first. */
function expected(centre: Point, radius: number, keep: (c: CouponRecord) => boolean = () => true) {
  return catalogue
    .map((c) => ({ c, d: bruteDistanceKm(centre, { lat: c.store.lat, lon: c.store.long }) }))
    .filter(({ c, d }) => d <= radius && keep(c))
    .sort((a, b) => a.d - b.d || (a.c.id < b.c.id ? -1 : 1));
}

async function everyPage(query: Record<string, string>, limit: number) {
  const items: { id: string; distance_km: number }[] = [];
  let cursor: string | undefined;
  do {
    const response = await couponApi.list({
      ...query,
      limit: String(limit),
      ...(cursor ? { cursor } : {}),
    });
    expect(response.status, JSON.stringify(response.body)).toBe(200);
    if (cursor) expect(response.body.items.length).toBeGreaterThan(0);
    items.push(...response.body.items);
    cursor = response.body.next_cursor ?? undefined;
  } while (cursor);
  return items;
}

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
      couponsClock.now = () => T;
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
    couponsClock.now = () => T;
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
    couponsClock.now = () => T;
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
