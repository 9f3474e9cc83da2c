import { tableName } from "../db/client";
import { invalidCursor } from "../db/cursor";
import { queryAll } from "../db/query-page";
import { coveringCells } from "../geo/cover";
import { distanceKm, distanceToBoxKm, farthestInBoxKm, type Point } from "../geo/distance";
import { couponsWithCode } from "./code-partition";
import { filterExpression } from "./filters";
import { couponKeys, GEO_PARTITION_PRECISION } from "./keys";
import type { ListedPage } from "./listed";
import { type CouponRecord, recordOf } from "./record";
import type { ListCouponsQuery } from "./schemas";
import {
  decodePosition,
  fingerprint,
  lexicographic,
  type Position,
  pageOfSorted,
} from "./sorted-page";

/**
 * The cells a search reads: the finest precision (up to 8, cells of 38 m × 19 m) whose box
 * around the circle needs at most 32 cells, and never coarser than a geo partition (so each
 * cell is one Query). Over a pole every longitude is in the circle: 32 partition-sized cells.
 */
const CELLS = { minPrecision: GEO_PARTITION_PRECISION, maxPrecision: 8, maxCells: 32 };
/** Cells read in parallel before checking whether the page is complete. */
const WAVE = 8;

const byDistance = lexicographic();

type Query = ListCouponsQuery & { near: Point; radius_km: number };

/** Every coupon item in a cell that passes the filters (a prefix of its geo partition). */
function cellCoupons(hash: string, filter: ReturnType<typeof filterExpression>) {
  return queryAll({
    TableName: tableName,
    IndexName: "gsi2",
    KeyConditionExpression: "gsi2pk = :partition AND begins_with(gsi2sk, :cell)",
    ...filter,
    ExpressionAttributeValues: {
      ":partition": couponKeys.geoPartition(hash),
      ":cell": hash,
      ...filter.ExpressionAttributeValues,
    },
  });
}

/**
 * A page of the coupons within `radius_km` of `near`, nearest first (ties by id), passing the
 * other filters. With a code, the code's few coupons are measured. Otherwise the geohash cells
 * covering the circle are read nearest first, a wave at a time, until the page is settled: its
 * items and the next one are all nearer than any cell not read. The cursor holds the last
 * distance, so a later page skips every cell that lies wholly nearer than it. The cost thus
 * follows the coupons near the point, never the catalogue.
 */
export async function nearCoupons(query: Query, now: string): Promise<ListedPage> {
  const { limit: _limit, cursor: _cursor, ...asked } = query;
  const list = fingerprint(asked);
  const after = decodePosition(query.cursor, list);
  if (after && (typeof after[0] !== "number" || typeof after[1] !== "string")) {
    throw invalidCursor();
  }
  const centre = query.near;
  const found: { position: Position; item: { record: CouponRecord; distanceKm: number } }[] = [];
  const take = (records: CouponRecord[]) => {
    for (const record of records) {
      const distance = distanceKm(centre, { lat: record.store.lat, lon: record.store.long });
      const position = [distance, record.id];
      if (distance > query.radius_km || (after && byDistance(position, after) <= 0)) continue;
      found.push({ position, item: { record, distanceKm: distance } });
    }
    found.sort((a, b) => byDistance(a.position, b.position));
  };

  if (query.code) {
    take(await couponsWithCode({ ...query, code: query.code }, now));
    return pageOfSorted(found, query, list, byDistance);
  }
  const beyond = (after?.[0] as number | undefined) ?? 0;
  const cells = coveringCells(centre, query.radius_km, CELLS)
    .cells.filter((cell) => farthestInBoxKm(centre, cell.box) >= beyond)
    .map((cell) => ({ hash: cell.hash, nearest: distanceToBoxKm(centre, cell.box) }))
    .sort((a, b) => a.nearest - b.nearest);
  const filter = filterExpression(query, now);
  for (let next = 0; next < cells.length; ) {
    const wave = cells.slice(next, next + WAVE);
    next += wave.length;
    const items = await Promise.all(wave.map((cell) => cellCoupons(cell.hash, filter)));
    take(items.flat().map(recordOf));
    const unread = cells[next]?.nearest ?? Number.POSITIVE_INFINITY;
    const settling = found[query.limit];
    if (settling && (settling.position[0] as number) < unread) break;
  }
  return pageOfSorted(found, query, list, byDistance);
}
