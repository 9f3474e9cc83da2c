import { tableName } from "#platform/db/client";
import type { TransactItem } from "#platform/db/transactions";
import { couponKeys, listingsOf, orderKey } from "./keys";
import { type CouponRecord, filterAttributes, keysOf } from "./record";

/** The coupon's own item: the record, its filter attributes, its code (gsi1) and geo (gsi2) keys. */
export function couponItem(record: CouponRecord): Record<string, unknown> {
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

/** The table keys of a coupon's listing items: one per combination of its dimensions. */
export const listingKeysOf = (record: CouponRecord) =>
  listingsOf(keysOf(record)).map((pk) => ({ pk, sk: orderKey(record.created_at, record.id) }));

/** A coupon's listing items (see keys.ts): copies of it, keyed for each list they serve. */
export function listingItems(record: CouponRecord): Record<string, unknown>[] {
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

/** A new shard item: no redemptions yet, this quota (none: unlimited), the coupon's terms. */
export function newShardPut(record: CouponRecord, shard: number, quota?: number): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...couponKeys.shard(record.id, shard),
        coupon_id: record.id,
        n: 0,
        terms: record.terms,
        ...(quota === undefined ? {} : { quota }),
      },
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}
