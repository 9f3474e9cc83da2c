import { describe, expect, it } from "vitest";
import { coveringCells } from "#platform/geo/cover";
import { distanceKm, distanceToBoxKm, farthestInBoxKm, type Point } from "#platform/geo/distance";
import { encodeGeohash, geohashBox } from "#platform/geo/geohash";
import { destination, vectorDistanceKm } from "../../../support/geo";
import { seededRandom } from "../../../support/monitoring-reference";

const random = seededRandom(20261101);
const randomPoint = (): Point => ({
  lat: Math.asin(2 * random.next() - 1) * (180 / Math.PI),
  lon: -180 + 360 * random.next(),
});
describe("geohash", () => {
  it("encodes the reference points of the geohash definition", () => {
    expect(encodeGeohash(57.64911, 10.40744, 11)).toBe("u4pruydqqvj");
    expect(encodeGeohash(42.6, -5.6, 5)).toBe("ezs42");
    expect(encodeGeohash(-90, -180, 4)).toBe("0000");
    expect(encodeGeohash(90, 180, 4)).toBe("zzzz");
  });

  it("names cells whose box holds the point, and whose prefixes are the coarser cells", () => {
    for (let i = 0; i < 2000; i++) {
      const point = randomPoint();
      const hash = encodeGeohash(point.lat, point.lon, 9);
      const box = geohashBox(hash);
      expect(point.lat).toBeGreaterThanOrEqual(box.latMin);
      expect(point.lat).toBeLessThanOrEqual(box.latMax);
      expect(point.lon).toBeGreaterThanOrEqual(box.lonMin);
      expect(point.lon).toBeLessThanOrEqual(box.lonMax);
      expect(encodeGeohash(point.lat, point.lon, 4)).toBe(hash.slice(0, 4));
    }
  });
});

describe("distances", () => {
  it("haversine agrees with the vector formula, from metres to antipodes", () => {
    for (let i = 0; i < 2000; i++) {
      const a = randomPoint();
      const b =
        i % 2 === 0 ? randomPoint() : destination(a, random.next() * 2, random.next() * 360);
      expect(distanceKm(a, b)).toBeCloseTo(vectorDistanceKm(a, b), 6);
    }
    expect(distanceKm({ lat: 0, lon: 179.9 }, { lat: 0, lon: -179.9 })).toBeCloseTo(22.239, 2);
  });

  it("distanceToBoxKm is the minimum over the box (sampled), and farthestInBoxKm an upper bound", () => {
    for (let i = 0; i < 300; i++) {
      const hash = encodeGeohash(randomPoint().lat, randomPoint().lon, 1 + (i % 5));
      const box = geohashBox(hash);
      const point =
        i % 3 === 0 ? randomPoint() : { lat: 85 + random.next() * 5, lon: randomPoint().lon };
      let nearest = Number.POSITIVE_INFINITY;
      let farthest = 0;
      for (let s = 0; s <= 40; s++) {
        for (let t = 0; t <= 40; t++) {
          const inside = {
            lat: box.latMin + ((box.latMax - box.latMin) * s) / 40,
            lon: box.lonMin + ((box.lonMax - box.lonMin) * t) / 40,
          };
          const d = vectorDistanceKm(point, inside);
          nearest = Math.min(nearest, d);
          farthest = Math.max(farthest, d);
        }
      }
      const exact = distanceToBoxKm(point, box);
      expect(exact).toBeLessThanOrEqual(nearest + 1e-6);
      // The sampling grid is coarse: the exact minimum is within one grid step of it.
      const step =
        Math.max(
          distanceKm({ lat: box.latMin, lon: box.lonMin }, { lat: box.latMin, lon: box.lonMax }),
          distanceKm({ lat: box.latMin, lon: box.lonMin }, { lat: box.latMax, lon: box.lonMin }),
        ) / 40;
      expect(exact).toBeGreaterThanOrEqual(nearest - step - 1e-6);
      expect(farthestInBoxKm(point, box)).toBeGreaterThanOrEqual(farthest - 1e-6);
    }
  });
});

describe("coveringCells", () => {
  const options = { minPrecision: 2, maxPrecision: 8, maxCells: 32 };
  const holds = (cells: { hash: string }[], point: Point) =>
    cells.some(({ hash }) => encodeGeohash(point.lat, point.lon, hash.length) === hash);

  const centres: [string, Point][] = [
    ["a random place", randomPoint()],
    ["Seattle", { lat: 47.6097, lon: -122.3422 }],
    ["the antimeridian (Fiji)", { lat: -16.5, lon: 179.98 }],
    ["the antimeridian, west side", { lat: 65.7, lon: -179.99 }],
    ["near the north pole", { lat: 89.8, lon: 12 }],
    ["the north pole itself", { lat: 90, lon: 0 }],
    ["near the south pole", { lat: -89.95, lon: -150 }],
    ["the equator at 0°", { lat: 0, lon: 0 }],
  ];

  it.each(centres)("covers every point within the radius around %s", (_, centre) => {
    for (const radius of [0.1, 1, 5, 20, 50]) {
      const { cells, precision } = coveringCells(centre, radius, options);
      expect(cells.length).toBeGreaterThan(0);
      expect(cells.length).toBeLessThanOrEqual(64);
      expect(precision).toBeGreaterThanOrEqual(2);
      for (let i = 0; i < 400; i++) {
        // Points inside the circle, half of them right at its edge.
        const km = i % 2 === 0 ? radius * (1 - 1e-9) : radius * Math.sqrt(random.next());
        const point = destination(centre, km, random.next() * 360);
        expect(holds(cells, point), `${JSON.stringify(point)} at ${km} km`).toBe(true);
      }
      // No cell is wholly outside the circle.
      for (const cell of cells)
        expect(distanceToBoxKm(centre, cell.box)).toBeLessThanOrEqual(radius);
    }
  });

  it("uses fine cells for small circles and few cells for large ones", () => {
    const seattle = { lat: 47.6097, lon: -122.3422 };
    expect(coveringCells(seattle, 0.1, options).precision).toBe(7);
    expect(coveringCells(seattle, 1, options).precision).toBe(6);
    expect(coveringCells(seattle, 50, options).precision).toBe(4);
    const pole = coveringCells({ lat: 89.9, lon: 0 }, 50, options);
    expect(pole.precision).toBe(2);
    expect(pole.cells).toHaveLength(32);
  });
});
