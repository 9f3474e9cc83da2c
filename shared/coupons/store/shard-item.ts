import type { CouponRecord } from "#coupons/core/coupon";
import type { ShardState } from "#coupons/core/redemption";
import { COUPON_SHARD_TYPE, couponKeys } from "./keys";

/** A new shard item: no redemptions yet, this quota (none: unlimited), the coupon's terms. */
export const toShardItem = (
  record: CouponRecord,
  shard: number,
  quota?: number,
): Record<string, unknown> => ({
  ...couponKeys.shard(record.id, shard),
  item_type: COUPON_SHARD_TYPE,
  coupon_id: record.id,
  n: 0,
  terms: record.terms,
  ...(quota === undefined ? {} : { quota }),
});

/**
 * A deleted coupon's shard: terms 0, which no redemption carries, so none can count on it; no
 * `item_type`, so the listings' stream function is not called for a coupon that is gone.
 */
export const toShardTombstone = (couponId: string, shard: number): Record<string, unknown> => ({
  ...couponKeys.shard(couponId, shard),
  coupon_id: couponId,
  terms: 0,
});

/** What a shard item holds: its coupon, its count, its quota (none: unlimited) and terms. */
export const fromShardItem = (item: Record<string, unknown>): ShardState => ({
  couponId: item.coupon_id as string,
  n: item.n as number,
  terms: item.terms as number,
  ...(item.quota === undefined ? {} : { quota: item.quota as number }),
});
