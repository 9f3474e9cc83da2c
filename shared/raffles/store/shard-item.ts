import { chainGenesis } from "#raffles/core/ticket-chain";

/** A shard's stored values; an absent item has handed out nothing yet. */
export interface ShardValues {
  /** The next slot to hand out. */
  next: number;
  /** The head of the shard's claim chain at `next`. */
  head: string;
  lastClaimedAt: string | null;
}

/**
 * A shard's values from its item, or from its absence: at its range's `start`, at the chain's
 * genesis. (The shard item is written only by the claim's conditional Update, claim-store.ts, so
 * there is no toShardItem.)
 */
export function fromShardItem(
  item: Record<string, unknown> | undefined,
  raffleId: string,
  shard: number,
  start: number,
): ShardValues {
  return {
    next: (item?.next as number | undefined) ?? start,
    head: (item?.head as string | undefined) ?? chainGenesis(raffleId, shard),
    lastClaimedAt: (item?.last_claimed_at as string | undefined) ?? null,
  };
}
