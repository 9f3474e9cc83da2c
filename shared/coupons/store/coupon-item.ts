import { type CouponRecord, filterAttributes } from "#coupons/core/coupon";
import { orderKey } from "#coupons/core/value-key";
import { couponKeys } from "./keys";

/** The coupon's own item: the record, its filter attributes, its code (gsi1) and geo (gsi2) keys. */
export function toCouponItem(record: CouponRecord): Record<string, unknown> {
  const attributes = filterAttributes(record);
  return {
    ...couponKeys.coupon(record.id),
    ...record,
    ...attributes,
    gsi1pk: couponKeys.byCode(attributes.code_key),
    gsi1sk: orderKey(record.created_at, record.id),
    gsi2pk: couponKeys.geoPartition(attributes.geohash),
    gsi2sk: orderKey(attributes.geohash, record.id),
  };
}

const RECORD_FIELDS = [
  "id",
  "code",
  "title",
  "description",
  "category",
  "merchant",
  "store",
  "published_at",
  "expire_at",
  "max_redemptions",
  "per_account_limit",
  "created_at",
  "updated_at",
  "version",
  "terms",
  "shard_count",
  "counted_redemptions",
] as const;

/** The record held by a coupon item (or a listing item, which copies it) (keys and filter attributes left behind). */
export function fromCouponItem(item: Record<string, unknown>): CouponRecord {
  const record: Record<string, unknown> = {};
  for (const field of RECORD_FIELDS) if (item[field] !== undefined) record[field] = item[field];
  record.max_redemptions ??= null;
  record.counted_redemptions ??= 0;
  return record as unknown as CouponRecord;
}
