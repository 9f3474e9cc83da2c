import { coveringCells } from "#platform/geo/cover";
import { distanceKm, distanceToBoxKm, farthestInBoxKm, type Point } from "#platform/geo/distance";
import { childCells, geohashBox } from "#platform/geo/geohash";
import type { CouponRecord } from "./coupon";
import type { CouponPage, ListedCoupon } from "./coupon-page";
import type { CouponFilters } from "./filters";
import {
  decodePosition,
  fingerprint,
  invalidCursor,
  lexicographic,
  type PageRequest,
  type Position,
  pageOfSorted,
} from "./sorted-page";

/** The precision of the geohash that names a geo partition (cells of 1,250 km × 625 km). */
export const GEO_PARTITION_PRECISION = 2;

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
export const probeSize = (limit: number) => Math.max(25, 2 * (limit + 1));
/** The finest cells, always read whole (38 m × 19 m). */
export const FINEST = 8;
/** Cells read in parallel, nearest first, before checking whether the page is complete. */
const WAVE = 4;

const byDistance = lexicographic();

/** A `near` list request: the centre, the radius, the other filters and the page. */
export type NearQuery = CouponFilters & PageRequest & { near: Point; radius_km: number };

/** A geohash cell to read, and the distance from the centre to its nearest point. */
export interface Cell {
  hash: string;
  nearest: number;
}

/**
 * The ranking of a `near` search: coupons within the radius and past the cursor, nearest
 * first (ties by id), and the cells that may still change the page. The search reads the cells
 * `nextWave` names, gives their coupons to `take` (or, for a cell too full to read whole, asks
 * for its `children`), until no wave is left; `page` is then settled. 422 for a cursor of
 * another search.
 */
export function nearRanking(query: NearQuery) {
  const { limit: _limit, cursor: _cursor, ...asked } = query;
  const list = fingerprint(asked);
  const after = decodePosition(query.cursor, list);
  if (after && (typeof after[0] !== "number" || typeof after[1] !== "string")) {
    throw invalidCursor();
  }
  const centre = query.near;
  const found: { position: Position; item: ListedCoupon }[] = [];
  const beyond = (after?.[0] as number | undefined) ?? 0;
  // A cell matters if part of it is in the circle and part of it past the cursor.
  const cell = (hash: string): Cell | undefined => {
    const box = geohashBox(hash);
    const nearest = distanceToBoxKm(centre, box);
    if (nearest > query.radius_km || farthestInBoxKm(centre, box) < beyond) return undefined;
    return { hash, nearest };
  };
  return {
    /** Ranks the coupons read: those in the circle and past the cursor. */
    take(records: readonly CouponRecord[]) {
      for (const record of records) {
        const distance = distanceKm(centre, { lat: record.store.lat, lon: record.store.long });
        const position = [distance, record.id];
        if (distance > query.radius_km || (after && byDistance(position, after) <= 0)) continue;
        found.push({ position, item: { record, distanceKm: distance } });
      }
      found.sort((a, b) => byDistance(a.position, b.position));
    },
    /** The cells covering the circle that matter (see `CELLS`). */
    startCells(): Cell[] {
      return coveringCells(centre, query.radius_km, CELLS)
        .cells.map((covering) => cell(covering.hash))
        .filter((c): c is Cell => c !== undefined);
    },
    /** The 32 children of a cell too full to read whole, those that matter. */
    children(hash: string): Cell[] {
      return childCells(hash).flatMap((child) => cell(child) ?? []);
    },
    /**
     * The next cells to read (taken out of `pending`), nearest first, a few at a time: none once
     * every pending cell lies wholly beyond the page's last candidate (the one after the page).
     */
    nextWave(pending: Cell[]): Cell[] {
      const bound =
        (found[query.limit]?.position[0] as number | undefined) ?? Number.POSITIVE_INFINITY;
      const wave = pending
        .filter((c) => c.nearest <= bound)
        .sort((a, b) => a.nearest - b.nearest)
        .slice(0, WAVE);
      for (const c of wave) pending.splice(pending.indexOf(c), 1);
      return wave;
    },
    /** The page of the coupons ranked so far, and the cursor after it when more follow. */
    page(): CouponPage {
      return pageOfSorted(found, query, list, byDistance);
    },
  };
}
