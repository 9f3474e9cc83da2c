import type { CouponRecord } from "./record";
import type { Window } from "./validity";

/**
 * What a redemption needs of a coupon, kept per process so that a warm redemption reads
 * nothing before its transaction. A stale entry is harmless: the transaction holds only if the
 * shard still carries these `terms`, and a failed one reloads the coupon.
 */
export interface CouponTerms {
  id: string;
  terms: number;
  window: Window;
  perAccountLimit: number;
  shardCount: number;
  /** Shards seen full under these terms: a limited coupon's shards only fill up. */
  full: Set<number>;
}

/** Enough coupons for a busy instance; the oldest is forgotten first. */
const CAPACITY = 1000;
const cache = new Map<string, CouponTerms>();

/** The cached terms of a coupon, if this process has them. */
export const cachedTerms = (id: string) => cache.get(id);

/** Caches (and returns) the terms of a coupon as just read. */
export function rememberTerms(record: CouponRecord): CouponTerms {
  const terms: CouponTerms = {
    id: record.id,
    terms: record.terms,
    window: { published_at: record.published_at, expire_at: record.expire_at },
    perAccountLimit: record.per_account_limit,
    shardCount: record.shard_count,
    full: new Set(),
  };
  cache.delete(record.id);
  cache.set(record.id, terms);
  if (cache.size > CAPACITY) cache.delete(cache.keys().next().value as string);
  return terms;
}

/** Forgets a coupon (deleted, or a test wants a cold process). */
export const forgetTerms = (id: string) => cache.delete(id);
