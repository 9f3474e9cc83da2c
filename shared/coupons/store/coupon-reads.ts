import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { CouponRecord } from "#coupons/core/coupon";
import { batchGetAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";
import { DomainError } from "#platform/errors";
import { totalOf } from "#platform/sharded-counter";
import { fromCouponItem } from "./coupon-item";
import { couponKeys } from "./keys";

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

/**
 * The redemption count of each of a coupon's shards from `from` up to `shards`, as `items` (read
 * items, any others among them) hold them: a shard not written yet has none.
 */
export function shardCountsIn(
  id: string,
  items: readonly Record<string, unknown>[],
  shards: number,
  from = 0,
): number[] {
  const counts = new Map(items.map((item) => [item.pk as string, item.n as number | undefined]));
  return couponKeys.shards(id, shards, from).map((key) => counts.get(key.pk) ?? 0);
}

/**
 * The redemption count of each shard from `from` up to `shards` (strongly consistent; a shard
 * not written yet has none).
 */
export async function readShardCounts(id: string, shards: number, from = 0): Promise<number[]> {
  return shardCountsIn(id, await batchGetAll(couponKeys.shards(id, shards, from)), shards, from);
}

/**
 * A coupon with its live redemption count and each shard's (`shardCounts`, by index; a shard not
 * written yet has none), reading its shards with it in one BatchGetItem when their number is
 * known (`knownShards`: a coupon's shards only grow), else the coupon first and then its shards;
 * or 404. Only the coupon's own shards are read.
 */
export async function readCouponWithCount(
  id: string,
  knownShards: number | undefined,
): Promise<{ record: CouponRecord; count: number; shardCounts: number[] }> {
  const couponKey = couponKeys.coupon(id);
  const withCounts = (record: CouponRecord, shardCounts: number[]) => ({
    record,
    count: totalOf(shardCounts),
    shardCounts,
  });
  if (knownShards === undefined) {
    const record = await readCoupon(id);
    return withCounts(record, await readShardCounts(id, record.shard_count));
  }
  const items = await batchGetAll([couponKey, ...couponKeys.shards(id, knownShards)]);
  const item = items.find((found) => found.pk === couponKey.pk);
  if (!item) throw DomainError.notFound("coupon");
  const record = fromCouponItem(item);
  const known = shardCountsIn(id, items, knownShards);
  const more =
    record.shard_count > knownShards
      ? await readShardCounts(id, record.shard_count, knownShards)
      : [];
  return withCounts(record, [...known, ...more]);
}
