import { distanceToBoxKm, EARTH_RADIUS_KM, type Point } from "./distance";
import { type Box, cellIndex, cellName, geohashBox } from "./geohash";

/** A longitude interval in degrees, never across the antimeridian. */
type Interval = [number, number];

/** The latitude range and longitude intervals of the smallest box around a spherical cap. */
export function capBounds(centre: Point, radiusKm: number): { lat: Interval; lons: Interval[] } {
  const delta = (radiusKm / EARTH_RADIUS_KM) * (180 / Math.PI);
  const north = centre.lat + delta;
  const south = centre.lat - delta;
  // A cap over a pole (φ + δ ≥ 90°, that is cos φ ≤ sin δ) spans every longitude; the cells
  // clamp its latitudes to ±90. Both tests are made, so that rounding at the edge errs wide.
  const ratio = Math.sin(radiusKm / EARTH_RADIUS_KM) / Math.cos((centre.lat * Math.PI) / 180);
  if (north >= 90 || south <= -90 || !(ratio < 1)) {
    return { lat: [south, north], lons: [[-180, 180]] };
  }
  const halfWidth = (Math.asin(ratio) * 180) / Math.PI;
  const west = centre.lon - halfWidth;
  const east = centre.lon + halfWidth;
  // Across the antimeridian the box is two boxes, one each side.
  if (west < -180)
    return {
      lat: [south, north],
      lons: [
        [west + 360, 180],
        [-180, east],
      ],
    };
  if (east > 180)
    return {
      lat: [south, north],
      lons: [
        [west, 180],
        [-180, east - 360],
      ],
    };
  return { lat: [south, north], lons: [[west, east]] };
}

function indexRanges(bounds: ReturnType<typeof capBounds>, precision: number) {
  const rows = [
    cellIndex(bounds.lat[0], 0, precision).row,
    cellIndex(bounds.lat[1], 0, precision).row,
  ] as const;
  const columns = bounds.lons.map(
    ([west, east]) =>
      [cellIndex(0, west, precision).column, cellIndex(0, east, precision).column] as const,
  );
  return { rows, columns };
}

/** How many cells of a precision the box around a cap touches, without listing them. */
function boxCellCount(bounds: ReturnType<typeof capBounds>, precision: number): number {
  const { rows, columns } = indexRanges(bounds, precision);
  const rowCount = rows[1] - rows[0] + 1;
  return columns.reduce((sum, [west, east]) => sum + (east - west + 1) * rowCount, 0);
}

/** A geohash cell with its rectangle. */
export interface Cell {
  hash: string;
  box: Box;
}

/**
 * The geohash cells that cover a cap of `radiusKm` around `centre`: every cell that holds a
 * point within the radius, and no cell that holds none (each cell's exact distance is checked).
 * The precision is the finest, between `minPrecision` and `maxPrecision`, whose covering box
 * needs at most `maxCells` cells (`minPrecision` if none does, e.g. over a pole).
 */
export function coveringCells(
  centre: Point,
  radiusKm: number,
  options: { minPrecision: number; maxPrecision: number; maxCells: number },
): { precision: number; cells: Cell[] } {
  const bounds = capBounds(centre, radiusKm);
  let precision = options.maxPrecision;
  while (precision > options.minPrecision && boxCellCount(bounds, precision) > options.maxCells) {
    precision--;
  }
  const { rows, columns } = indexRanges(bounds, precision);
  const cells: Cell[] = [];
  for (const [west, east] of columns) {
    for (let column = west; column <= east; column++) {
      for (let row = rows[0]; row <= rows[1]; row++) {
        const hash = cellName(column, row, precision);
        const box = geohashBox(hash);
        if (distanceToBoxKm(centre, box) <= radiusKm) cells.push({ hash, box });
      }
    }
  }
  return { precision, cells };
}
