import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { CouponRecord } from "#coupons/core/coupon";
import { COUPON_SHARDS } from "#coupons/core/coupon";
import { batchGetAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";
import { DomainError } from "#platform/errors";
import { fromCouponItem } from "./coupon-item";
import { couponKeys } from "./keys";
import { fromShardItem } from "./shard-item";

const range = (count: number, from = 0) =>
  Array.from({ length: Math.max(0, count - from) }, (_, i) => from + i);

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

/** The stored coupon (strongly consistent), or undefined when there is none. */
export async function findCoupon(id: string): Promise<CouponRecord | undefined> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: couponKeys.coupon(id), ConsistentRead: true }),
  );
  return Item ? fromCouponItem(Item) : undefined;
}

/** The stored coupon (strongly consistent) or 404 `coupon_not_found`. */
export async function readCoupon(id: string): Promise<CouponRecord> {
  const record = await findCoupon(id);
  if (!record) throw DomainError.notFound("coupon");
  return record;
}

/** Each shard's redemption count (strongly consistent). */
export async function readShardCounts(id: string, shards: number): Promise<number[]> {
  const items = await batchGetAll(range(shards).map((shard) => couponKeys.shard(id, shard)));
  const counts = new Map(items.map((item) => [item.pk as string, item.n as number]));
  return range(shards).map((shard) => counts.get(couponKeys.shard(id, shard).pk) ?? 0);
}

/**
 * A coupon with its live redemption count: one BatchGetItem of its item and every shard key it
 * may have (as many as a coupon can), or 404.
 */
export async function readCouponWithCount(
  id: string,
): Promise<{ record: CouponRecord; count: number }> {
  const couponKey = couponKeys.coupon(id);
  const items = await batchGetAll([
    couponKey,
    ...range(COUPON_SHARDS.maxShards).map((shard) => couponKeys.shard(id, shard)),
  ]);
  const item = items.find((found) => found.pk === couponKey.pk);
  if (!item) throw DomainError.notFound("coupon");
  const shards = items.filter((found) => found.sk === "SHARD");
  return {
    record: fromCouponItem(item),
    count: sum(shards.map((shard) => fromShardItem(shard).n)),
  };
}
