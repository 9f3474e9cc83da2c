import { DomainError } from "#platform/errors";
import { raffleKeys } from "./keys";
import { cachedRaffleMeta, type RaffleMeta, rememberRaffleMeta } from "./raffle-cache";
import {
  type RaffleRecord,
  raffleRecordSchema,
  refreshShards,
  requireRaffleRecord,
} from "./raffle-store";
import { chainGenesis, registerDigest } from "./register";
import { soldOutAt } from "./verifiable-draw";

/** One shard as stored: how far it has handed out its range, and its claim chain. */
interface ShardState {
  shard: number;
  start: number;
  end: number;
  next: number;
  head: string;
  lastClaimedAt: string | null;
}

/**
 * The raffle and every one of its shards, read strongly consistent: one BatchGetItem for a raffle
 * this process knows (its shard count never changes), else its GetItem first.
 */
export async function readRaffleAndShards(
  id: string,
): Promise<{ record: RaffleRecord; shards: ShardState[] }> {
  const raffleKey = raffleKeys.raffle(id);
  let meta: RaffleMeta | undefined = cachedRaffleMeta(id);
  let record: RaffleRecord | undefined;
  if (!meta) {
    record = await requireRaffleRecord(id);
    meta = rememberRaffleMeta(record);
  }
  const items = await refreshShards([meta], record ? [] : [raffleKey], { includeFull: true });
  if (!record) {
    const item = items.find((found) => found.pk === raffleKey.pk);
    if (!item) throw DomainError.notFound("raffle");
    record = raffleRecordSchema.parse(item);
  }
  const byKey = new Map(items.map((item) => [item.pk as string, item]));
  const { start, end } = meta.shards;
  const shards = start.map((first, shard) => {
    const item = byKey.get(raffleKeys.shard(id, shard).pk);
    return {
      shard,
      start: first,
      end: end[shard] as number,
      next: (item?.next as number | undefined) ?? first,
      head: (item?.head as string | undefined) ?? chainGenesis(id, shard),
      lastClaimedAt: (item?.last_claimed_at as string | undefined) ?? null,
    };
  });
  return { record, shards };
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
