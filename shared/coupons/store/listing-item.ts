import { type CouponRecord, filterAttributes, keysOf } from "#coupons/core/coupon";
import { orderKey } from "#coupons/core/value-key";
import { fromCouponItem } from "./coupon-item";
import { couponKeys, listingsOf } from "./keys";

/** The table keys of a coupon's listing items: one per combination of its dimensions. */
export const listingKeysOf = (record: CouponRecord) =>
  listingsOf(keysOf(record)).map((pk) => ({ pk, sk: orderKey(record.created_at, record.id) }));

/** A coupon's listing items (see keys.ts): copies of it, keyed for each list they serve. */
export function toListingItems(record: CouponRecord): Record<string, unknown>[] {
  const attributes = filterAttributes(record);
  return listingKeysOf(record).map(({ pk, sk }) => ({
    pk,
    sk,
    ...record,
    ...attributes,
    gsi1pk: couponKeys.listingByValidity(pk, attributes.valid),
    gsi1sk: sk,
    ...(attributes.valid
      ? {
          gsi2pk: couponKeys.listingByValidity(pk, true),
          gsi2sk: orderKey(record.expire_at, record.id),
          gsi3pk: couponKeys.listingByValidity(pk, true),
          gsi3sk: orderKey(record.published_at, record.id),
        }
      : {}),
  }));
}

/** The record a listing item copies: read as the coupon item is. */
export const fromListingItem = fromCouponItem;
