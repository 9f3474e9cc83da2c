import { DomainError } from "#platform/errors";
import { shardIndexes, shardQuotas, totalOf } from "#platform/sharded-counter";
import type { CouponRecord } from "./coupon";

/** What a change of a coupon does to its shards, before any shard is read. */
export type ShardChange =
  /**
   * The coupon is deleted: its shards become tombstones (terms 0), so that no redemption can
   * take a missing shard for one not written yet.
   */
  | { kind: "delete"; shards: number[] }
  /** A new coupon (its shards are written lazily), or the terms did not change. */
  | { kind: "keep" }
  /**
   * New terms: every existing shard takes them (written now if it was not), shards up to
   * `next.shard_count` are created;
   * when the limits moved, a limited coupon's quotas are split again over the counts read.
   */
  | { kind: "retune"; existing: number; limitsMoved: boolean; readCounts: boolean };

/** What taking a coupon from `current` to `next` (either absent) does to its shards. */
export function shardChangeOf(
  current: CouponRecord | undefined,
  next: CouponRecord | undefined,
): ShardChange {
  if (!next) return { kind: "delete", shards: shardIndexes(current?.shard_count ?? 0) };
  // A new coupon's shards are written by their first redemption (see `FIRST_TERMS`).
  if (!current || next.terms === current.terms) return { kind: "keep" };
  const limitsMoved =
    next.max_redemptions !== current.max_redemptions || next.shard_count !== current.shard_count;
  return {
    kind: "retune",
    existing: current.shard_count,
    limitsMoved,
    readCounts: limitsMoved && next.max_redemptions !== null,
  };
}

/** One write of an existing shard: the new terms, and what becomes of its quota. */
export type ShardUpdate =
  | { shard: number; terms: number; quota: "kept" }
  /** Its new quota, conditional on the count it was computed from (`n` still `count`). */
  | { shard: number; terms: number; quota: number; count: number }
  /** Unlimited now: the quota goes. */
  | { shard: number; terms: number; quota: "removed" };

/** The shard writes of a retune: existing shards updated, new ones created (with a quota). */
export interface ShardWrites {
  updates: ShardUpdate[];
  created: { shard: number; quota?: number }[];
}

/**
 * The shard writes of a retune, given the existing shards' counts (read when `readCounts`):
 * new limits split what is left of `max_redemptions` over the shards, so the quotas add up to
 * it exactly. 409 `max_redemptions_below_count` when the counts already exceed it.
 */
export function shardWrites(
  change: Extract<ShardChange, { kind: "retune" }>,
  next: CouponRecord,
  counts: readonly number[],
): ShardWrites {
  const { existing, limitsMoved } = change;
  const max = next.max_redemptions;
  const quotas =
    max === null
      ? undefined
      : shardQuotas(max, [...counts, ...shardIndexes(next.shard_count, existing).map(() => 0)]);
  if (max !== null && !quotas) {
    throw new DomainError(
      "max_redemptions_below_count",
      `The coupon has ${totalOf(counts)} redemptions already; max_redemptions cannot go below that`,
    );
  }
  const terms = next.terms;
  const updates = shardIndexes(existing).map((shard): ShardUpdate => {
    if (!limitsMoved) return { shard, terms, quota: "kept" };
    if (quotas) {
      return { shard, terms, quota: quotas[shard] as number, count: counts[shard] as number };
    }
    return { shard, terms, quota: "removed" };
  });
  const created = shardIndexes(next.shard_count, existing).map((shard) =>
    quotas?.[shard] === undefined ? { shard } : { shard, quota: quotas[shard] },
  );
  return { updates, created };
}
