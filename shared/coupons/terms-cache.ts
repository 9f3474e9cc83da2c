import type { CouponRecord } from "#coupons/core/coupon";
import { type CouponTerms, termsOf } from "#coupons/core/redemption";

/**
 * The terms of the coupons this process redeemed (`CouponTerms`): a warm redemption reads
 * nothing before its transaction.
 */

/** Enough coupons for a busy instance; the oldest is forgotten first. */
const CAPACITY = 1000;
const cache = new Map<string, CouponTerms>();

/** The cached terms of a coupon, if this process has them. */
export const cachedTerms = (id: string) => cache.get(id);

/** Caches (and returns) the terms of a coupon as just read. */
export function rememberTerms(record: CouponRecord): CouponTerms {
  const terms = termsOf(record);
  cache.delete(record.id);
  cache.set(record.id, terms);
  if (cache.size > CAPACITY) cache.delete(cache.keys().next().value as string);
  return terms;
}

/** Forgets a coupon (deleted, or a test wants a cold process). */
export const forgetTerms = (id: string) => cache.delete(id);
