import type { Redemption } from "#coupons/core/redemption";
import { orderKey } from "#coupons/core/value-key";
import { couponKeys } from "./keys";

/** A redemption's item: in its holder's partition, and in its coupon's shard's gsi1 partition. */
export const toRedemptionItem = (redemption: Redemption, shard: number) => ({
  ...couponKeys.redemption(redemption.account_id, redemption.redeemed_at, redemption.id),
  id: redemption.id,
  coupon_id: redemption.coupon_id,
  account_id: redemption.account_id,
  redeemed_at: redemption.redeemed_at,
  gsi1pk: couponKeys.redemptionsOf(redemption.coupon_id, shard),
  gsi1sk: orderKey(redemption.redeemed_at, redemption.id),
});

/** The redemption a redemption item holds. */
export const fromRedemptionItem = (item: Record<string, unknown>): Redemption => ({
  id: item.id as string,
  coupon_id: item.coupon_id as string,
  account_id: item.account_id as string,
  redeemed_at: item.redeemed_at as string,
});
