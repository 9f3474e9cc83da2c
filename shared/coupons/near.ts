import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { ListCouponsQuery } from "#coupons/api/schemas";
import { db, tableName } from "#platform/db/client";
import { invalidCursor } from "#platform/db/cursor";
import { queryAll } from "#platform/db/query-page";
import { coveringCells } from "#platform/geo/cover";
import { distanceKm, distanceToBoxKm, farthestInBoxKm, type Point } from "#platform/geo/distance";
import { childCells, geohashBox } from "#platform/geo/geohash";
import { couponsWithCode } from "./code-partition";
import { filterExpression } from "./filters";
import { couponKeys, GEO_PARTITION_PRECISION } from "./keys";
import type { ListedPage } from "./listed";
import { type CouponRecord, recordOf } from "./record";
import {
  decodePosition,
  fingerprint,
  lexicographic,
  type Position,
  pageOfSorted,
} from "./sorted-page";

/**
 * The cells a search starts from: the finest precision (up to 8, cells of 38 m × 19 m) whose box
 * around the circle needs at most 32 cells, and never coarser than a geo partition (so each
 * cell is one Query). Over a pole every longitude is in the circle: 32 partition-sized cells.
 */
const CELLS = { minPrecision: GEO_PARTITION_PRECISION, maxPrecision: 8, maxCells: 32 };
/**
 * A cell is read whole if it holds at most twice a page of coupons (25 at least); else its 32
 * children are read instead, and the probe's items are the price of learning that.
 */
const probeSize = (limit: number) => Math.max(25, 2 * (limit + 1));
/** The finest cells, always read whole (38 m × 19 m). */
const FINEST = 8;
/** Cells read in parallel, nearest first, before checking whether the page is complete. */
const WAVE = 4;

const byDistance = lexicographic();

type Query = ListCouponsQuery & { near: Point; radius_km: number };
type Filter = ReturnType<typeof filterExpression>;
interface Cell {
  hash: string;
  /** The distance from the centre to the cell's nearest point. */
  nearest: number;
}

const cellQuery = (hash: string, filter: Filter) => ({
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

/**
 * The coupons of a cell that pass the filters, if it holds at most `probe` of them (one Query of
 * that many); undefined when it holds more, so that its children are read instead.
 */
async function smallCell(hash: string, filter: Filter, probe: number) {
  if (hash.length >= FINEST) return queryAll(cellQuery(hash, filter));
  const first = await db.send(new QueryCommand({ ...cellQuery(hash, filter), Limit: probe }));
  return first.LastEvaluatedKey ? undefined : (first.Items ?? []);
}

/**
 * A page of the coupons within `radius_km` of `near`, nearest first (ties by id), passing the
 * other filters. With a code, the code's few coupons are measured. Otherwise cells are read
 * nearest first, a few at a time: a cell of at most two pages of coupons is read whole, a fuller
 * one gives way to its 32 children (a finer grid where coupons are dense). Only cells nearer
 * than the page's last candidate are read, and reading stops once the page is settled: its
 * items and the next one are nearer than any cell not read. The cursor
 * holds the last distance, so a later page skips every cell that lies wholly nearer than it. So
 * the cost follows the coupons near the point and the page, never the catalogue.
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
  // A cell matters if part of it is in the circle and part of it past the cursor.
  const cell = (hash: string): Cell | undefined => {
    const box = geohashBox(hash);
    const nearest = distanceToBoxKm(centre, box);
    if (nearest > query.radius_km || farthestInBoxKm(centre, box) < beyond) return undefined;
    return { hash, nearest };
  };
  const pending = coveringCells(centre, query.radius_km, CELLS)
    .cells.map((covering) => cell(covering.hash))
    .filter((c): c is Cell => c !== undefined);
  const filter = filterExpression(query, now);
  const probe = probeSize(query.limit);
  for (;;) {
    // A cell wholly beyond the page's last candidate (the one after the page) cannot change it.
    const bound =
      (found[query.limit]?.position[0] as number | undefined) ?? Number.POSITIVE_INFINITY;
    const wave = pending
      .filter((c) => c.nearest <= bound)
      .sort((a, b) => a.nearest - b.nearest)
      .slice(0, WAVE);
    if (wave.length === 0) break;
    for (const c of wave) pending.splice(pending.indexOf(c), 1);
    const read = await Promise.all(wave.map((c) => smallCell(c.hash, filter, probe)));
    for (const [i, items] of read.entries()) {
      if (items) take(items.map(recordOf));
      else pending.push(...childCells(wave[i]?.hash as string).flatMap((hash) => cell(hash) ?? []));
    }
  }
  return pageOfSorted(found, query, list, byDistance);
}
