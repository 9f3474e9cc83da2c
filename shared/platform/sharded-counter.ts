/*
 * One sharded counter for everything that many clients move at once: a raffle's claimed slots,
 * a coupon's redemptions. DynamoDB takes about 1,000 write units a second per partition, so the
 * count is split over shard items, each under a partition key of its own, and each shard owns a
 * share of the counter's bound: a raffle's shard hands out a contiguous range of slots, a
 * coupon's shard a quota of redemptions. Reading the total reads every shard, so a counter gets
 * no more shards than its bound needs.
 */

/** How a kind of counter is sharded: at most `maxShards`, and at least `minPerShard` per shard. */
export interface ShardPlan {
  maxShards: number;
  /** Few tiny shards: their writers need not discover many full shards one failure at a time. */
  minPerShard: number;
}

/**
 * How many shards a counter bounded by `bound` (null: unbounded) has. Shards only grow (an
 * existing one holds counts), so a counter keeps at least `current`.
 */
export function shardCount(plan: ShardPlan, bound: number | null, current = 1): number {
  const wanted =
    bound === null ? plan.maxShards : Math.min(plan.maxShards, Math.ceil(bound / plan.minPerShard));
  return Math.max(current, wanted, 1);
}

/** The shards `from` up to `shards` (their indexes): what reading a counter's total reads. */
export const shardIndexes = (shards: number, from = 0): number[] =>
  Array.from({ length: Math.max(0, shards - from) }, (_, i) => from + i);

/** A counter's total: the sum of its shards' counts. */
export const totalOf = (counts: readonly number[]): number =>
  counts.reduce((total, count) => total + count, 0);

/**
 * The contiguous share [start, end) of `total` that shard `index` of `shards` owns: every shard
 * gets at least one when total ≥ shards, and the shares cover 0..total−1 exactly. (The raffles'
 * published draw algorithm fixes this split: it must never change.)
 */
export function shardRange(total: number, shards: number, index: number) {
  return {
    start: Math.floor((index * total) / shards),
    end: Math.floor(((index + 1) * total) / shards),
  };
}

/**
 * Each shard's quota for a bound of `total`, given the counts the shards hold now: what is left
 * is split as evenly as it goes, the first shards taking one more, so the quotas add up to
 * `total` exactly. Undefined when the counts already exceed it (no quotas can hold them).
 */
export function shardQuotas(total: number, counts: readonly number[]): number[] | undefined {
  const used = counts.reduce((sum, count) => sum + count, 0);
  const left = total - used;
  if (left < 0) return undefined;
  const base = Math.floor(left / counts.length);
  const extra = left % counts.length;
  return counts.map((count, shard) => count + base + (shard < extra ? 1 : 0));
}
