import { DomainError } from "#platform/errors";
import { shardQuotas } from "#platform/sharded-counter";
import { type CouponRecord, FIRST_TERMS } from "./coupon";
import { isActive, type Window } from "./validity";

/** A redemption as stored and shown. */
export interface Redemption {
  id: string;
  coupon_id: string;
  account_id: string;
  redeemed_at: string;
}

/** What a shard item holds: its coupon, its count, its quota (none: unlimited) and terms. */
export interface ShardState {
  couponId: string;
  n: number;
  quota?: number;
  terms: number;
}

/** What a coupon's shards are sized by: its id, terms, limit and shard count. */
export interface ShardedCoupon {
  id: string;
  terms: number;
  maxRedemptions: number | null;
  shardCount: number;
}

/** Each shard's quota as the coupon was created (all counts 0); undefined when unlimited. */
export const firstQuotas = (maxRedemptions: number | null, shards: number) =>
  maxRedemptions === null ? undefined : shardQuotas(maxRedemptions, Array(shards).fill(0));

/**
 * What a shard holds before anything wrote it (see `FIRST_TERMS`): nothing counted, its first
 * quota, the first terms. Undefined once the terms moved on: every shard was written then, so
 * a missing one means the coupon is gone.
 */
export function unwrittenShard(coupon: ShardedCoupon, shard: number): ShardState | undefined {
  if (coupon.terms !== FIRST_TERMS || shard >= coupon.shardCount) return undefined;
  const quota = firstQuotas(coupon.maxRedemptions, coupon.shardCount)?.[shard];
  return {
    couponId: coupon.id,
    n: 0,
    terms: FIRST_TERMS,
    ...(quota === undefined ? {} : { quota }),
  };
}

/**
 * What a redemption needs of a coupon, kept per process so that a warm redemption reads
 * nothing before its transaction. A stale copy is harmless: the transaction holds only if the
 * shard still carries these `terms`, and a failed one reloads the coupon.
 */
export interface CouponTerms {
  id: string;
  terms: number;
  window: Window;
  perAccountLimit: number;
  maxRedemptions: number | null;
  shardCount: number;
  /** Shards seen full under these terms: a limited coupon's shards only fill up. */
  full: Set<number>;
}

/** The terms of a coupon as just read (no shard known full yet). */
export const termsOf = (record: CouponRecord): CouponTerms => ({
  id: record.id,
  terms: record.terms,
  window: { published_at: record.published_at, expire_at: record.expire_at },
  perAccountLimit: record.per_account_limit,
  maxRedemptions: record.max_redemptions,
  shardCount: record.shard_count,
  full: new Set(),
});

/**
 * Whether a redemption may go on at `now`: "go" inside the coupon's window; outside it, "reload"
 * while the terms are only a cached copy (a refusal is never made on a cached view alone), and
 * 409 `coupon_not_active` once they are confirmed.
 */
export function activeStep(coupon: CouponTerms, now: string, confirmed: boolean): "go" | "reload" {
  if (isActive(coupon.window, now)) return "go";
  if (!confirmed) return "reload";
  throw new DomainError("coupon_not_active", "The coupon is not active now");
}

/** A random shard not known to be full (`random(n)` picks one of n), or undefined. */
export function pickShard(
  coupon: CouponTerms,
  random: (count: number) => number,
): number | undefined {
  const open = Array.from({ length: coupon.shardCount }, (_, shard) => shard).filter(
    (shard) => !coupon.full.has(shard),
  );
  return open.length > 0 ? open[random(open.length)] : undefined;
}

/**
 * The shards that are full under the coupon's terms, from every shard as read (by index, a
 * missing one as `unwrittenShard` says it is); undefined when one is missing under later terms
 * or carries other terms: the coupon moved on, read it again.
 */
export function fullShards(
  coupon: CouponTerms,
  shards: readonly (ShardState | undefined)[],
): Set<number> | undefined {
  const full = new Set<number>();
  for (let shard = 0; shard < coupon.shardCount; shard++) {
    const state = shards[shard] ?? unwrittenShard(coupon, shard);
    if (!state || state.terms !== coupon.terms) return undefined;
    if (state.quota !== undefined && state.n >= state.quota) full.add(shard);
  }
  return full;
}

/** How a redemption's transaction ended. */
export type RedemptionOutcome = "redeemed" | "account_limit" | "stale" | "full";

/**
 * Why a refused redemption transaction was refused, from which of its conditions failed: the
 * shard's (with the shard as it was, absent once the coupon is deleted) or the holder count's.
 * A shard gone or under other terms: "stale" (read the coupon again, everything may have changed);
 * else the holder's limit; else the shard is full.
 */
export function refusalOf(
  attemptTerms: number,
  failed: { shard: boolean; holderCount: boolean },
  shardTerms: number | undefined,
): Exclude<RedemptionOutcome, "redeemed"> {
  if (failed.shard && (shardTerms === undefined || shardTerms !== attemptTerms)) return "stale";
  if (failed.holderCount) return "account_limit";
  return "full";
}

/** 409 `redemption_limit_reached`: every shard is full under the current terms. */
export const limitReached = () =>
  new DomainError("redemption_limit_reached", "Every redemption of this coupon is taken");

/** 409 `account_limit_reached`: the account holds `limit` redemptions of the coupon. */
export const accountLimitReached = (limit: number) =>
  new DomainError(
    "account_limit_reached",
    `This account has redeemed the coupon ${limit} time(s), its limit`,
  );
