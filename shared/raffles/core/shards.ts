import type { ShardPlan } from "#platform/sharded-counter";
import { soldOutAt } from "./draw-algorithm";
import { registerDigest } from "./ticket-chain";

/**
 * How a raffle's slots are sharded. At most 64 shard counters: a claim writes its shard item with
 * a transactional write (2 write units), so one partition (~1,000 WCU/s) takes ~500 claims/s and
 * 64 shards ~32,000 claims/s per raffle; and 64 shard keys fit one BatchGetItem (100 keys) with
 * the raffle's own item, so tickets_remaining stays one read. A small raffle gets fewer shards:
 * each holds at least 16 slots, so its claimants do not have to discover many tiny full shards
 * one failed attempt at a time. Shard i hands out the slots of shardRange(N, count, i).
 */
export const RAFFLE_SHARD_PLAN: ShardPlan = { maxShards: 64, minPerShard: 16 };

/** One shard as stored: how far it has handed out its range, and its claim chain. */
export interface ShardState {
  shard: number;
  start: number;
  end: number;
  next: number;
  head: string;
  lastClaimedAt: string | null;
}

/** Tickets not claimed yet. */
export const unclaimed = (shards: readonly ShardState[]) =>
  shards.reduce((sum, shard) => sum + shard.end - shard.next, 0);

/** A sold-out raffle's register digest and sold-out time; undefined while tickets remain. */
export function completedRegister(
  id: string,
  totalTickets: number,
  shards: readonly ShardState[],
): { registerDigest: string; soldOutAt: string } | undefined {
  if (unclaimed(shards) > 0) return undefined;
  return {
    registerDigest: registerDigest(
      id,
      totalTickets,
      shards.map((shard) => shard.head),
    ),
    soldOutAt: soldOutAt(shards.map((shard) => shard.lastClaimedAt ?? "")),
  };
}
