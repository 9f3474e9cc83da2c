import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { CouponRecord } from "#coupons/core/coupon";
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

/**
 * The redemption count of each shard from `from` up to `shards` (strongly consistent; a shard
 * not written yet has none).
 */
export async function readShardCounts(id: string, shards: number, from = 0): Promise<number[]> {
  const wanted = range(shards, from);
  const items = await batchGetAll(wanted.map((shard) => couponKeys.shard(id, shard)));
  const counts = new Map(items.map((item) => [item.pk as string, item.n as number]));
  return wanted.map((shard) => counts.get(couponKeys.shard(id, shard).pk) ?? 0);
}

/**
 * A coupon with its live redemption count, reading its shards with it in one BatchGetItem when
 * their number is known (`knownShards`: a coupon's shards only grow), else the coupon first and
 * then its shards; or 404. Only the coupon's own shards are read.
 */
export async function readCouponWithCount(
  id: string,
  knownShards: number | undefined,
): Promise<{ record: CouponRecord; count: number }> {
  const couponKey = couponKeys.coupon(id);
  if (knownShards === undefined) {
    const record = await readCoupon(id);
    return { record, count: sum(await readShardCounts(id, record.shard_count)) };
  }
  const items = await batchGetAll([
    couponKey,
    ...range(knownShards).map((shard) => couponKeys.shard(id, shard)),
  ]);
  const item = items.find((found) => found.pk === couponKey.pk);
  if (!item) throw DomainError.notFound("coupon");
  const record = fromCouponItem(item);
  const shards = items
    .filter((found) => found.sk === "SHARD")
    .map((found) => fromShardItem(found).n);
  const more =
    record.shard_count > knownShards
      ? await readShardCounts(id, record.shard_count, knownShards)
      : [];
  return { record, count: sum(shards) + sum(more) };
}
