import type { CouponRecord } from "./coupon";

/** One change of a coupon's item as its stream carries it: the record before and after (absent: none). */
export interface CouponItemChange {
  before?: CouponRecord | undefined;
  after?: CouponRecord | undefined;
}

/** What a coupon's listings must become: copies of `latest` (none when it is gone). */
export interface ListingTarget {
  latest: CouponRecord | undefined;
  /** Every earlier record of the coupon seen: their listings not among `latest`'s are left over. */
  earlier: CouponRecord[];
}

/**
 * Per coupon (by id), what its listings must become after `changes`, taken in stream order: a
 * stream gives an item's changes in the order they were made, so the last one stands, and the
 * coupon's listings under any record before it that the last one does not share must go (a
 * change of category, merchant or city moves them). Applying the result again, or a batch again,
 * comes to the same listings: the stream may deliver twice.
 */
export function listingTargets(changes: readonly CouponItemChange[]): Map<string, ListingTarget> {
  const targets = new Map<string, ListingTarget>();
  for (const { before, after } of changes) {
    const id = (after ?? before)?.id;
    if (!id) continue;
    const target = targets.get(id) ?? { latest: undefined, earlier: [] };
    if (target.latest) target.earlier.push(target.latest);
    if (before) target.earlier.push(before);
    target.latest = after;
    targets.set(id, target);
  }
  return targets;
}
