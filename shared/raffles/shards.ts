/**
 * At most 64 shard counters per raffle. A claim writes its shard item with a transactional
 * write (2 write units), so one partition (~1,000 WCU/s) takes ~500 claims/s and 64 shards
 * ~32,000 claims/s per raffle; and 64 shard keys fit one BatchGetItem (100 keys) with the
 * raffle's own item, so tickets_remaining stays one read.
 */
export const MAX_SHARDS = 64;
/**
 * A small raffle gets fewer shards: each shard holds at least 16 slots, so its claimants do
 * not have to discover many tiny full shards one failed attempt at a time.
 */
export const MIN_SLOTS_PER_SHARD = 16;

/** How many shard counters a raffle of `totalTickets` tickets has. */
export const shardCount = (totalTickets: number) =>
  Math.min(MAX_SHARDS, Math.ceil(totalTickets / MIN_SLOTS_PER_SHARD));

/** The contiguous slots [start, end) that shard `index` hands out; every shard gets at least one. */
export function shardRange(totalTickets: number, shards: number, index: number) {
  return {
    start: Math.floor((index * totalTickets) / shards),
    end: Math.floor(((index + 1) * totalTickets) / shards),
  };
}
