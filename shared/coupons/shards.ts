/**
 * A coupon's redemption counter is split over up to 8 shard items, each under a partition key
 * of its own. A redemption writes its shard in a transaction (2 write units per item under
 * 1 KB), so a partition (~1,000 WCU/s) takes ~500 redemptions/s and 8 shards ~4,000/s per
 * coupon; the other items of a redemption are spread by account. Reading `redemption_count` reads
 * every shard, so there are no more than the limit needs.
 */
export const MAX_SHARDS = 8;
/** Each shard holds at least 16 redemptions of a limited coupon: fewer full shards to discover. */
const MIN_PER_SHARD = 16;

/**
 * How many shards a coupon with this `max_redemptions` (null: unlimited) needs. Shards only
 * grow (an existing one holds counts), so a coupon keeps at least `current`.
 */
export function shardCountFor(maxRedemptions: number | null, current = 1): number {
  const wanted =
    maxRedemptions === null
      ? MAX_SHARDS
      : Math.min(MAX_SHARDS, Math.ceil(maxRedemptions / MIN_PER_SHARD));
  return Math.max(current, wanted, 1);
}

/**
 * Each shard's quota for a limit of `max` redemptions, given the shards' current counts: what
 * is left is split as evenly as it goes, so the quotas add up to `max` exactly. Undefined when
 * the counts already exceed `max` (no quotas can hold them).
 */
export function shardQuotas(max: number, counts: readonly number[]): number[] | undefined {
  const used = counts.reduce((sum, count) => sum + count, 0);
  const left = max - used;
  if (left < 0) return undefined;
  const base = Math.floor(left / counts.length);
  const extra = left % counts.length;
  return counts.map((count, shard) => count + base + (shard < extra ? 1 : 0));
}
