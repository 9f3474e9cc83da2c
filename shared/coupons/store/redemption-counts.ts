import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { batchGetAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";
import { isConditionFailure } from "#platform/db/transactions";
import { totalOf } from "#platform/sharded-counter";
import { fromCouponItem } from "./coupon-item";
import { shardCountsIn } from "./coupon-reads";
import { couponKeys } from "./keys";

/**
 * Brings each coupon's `counted_redemptions` up to the sum of its shards (read strongly
 * consistent after the coupon), never down: counts only grow, so of two recounts racing (two
 * stream shards, a redelivery) the larger stands, and a coupon gone is left gone. One
 * BatchGetItem of the coupons, one of their shards, one UpdateItem per coupon whose count moved.
 */
export async function recountRedemptions(couponIds: readonly string[]): Promise<void> {
  if (couponIds.length === 0) return;
  const coupons = (await batchGetAll(couponIds.map(couponKeys.coupon))).map(fromCouponItem);
  const shards = await batchGetAll(
    coupons.flatMap((coupon) => couponKeys.shards(coupon.id, coupon.shard_count)),
  );
  await Promise.all(
    coupons.map((coupon) => {
      const count = totalOf(shardCountsIn(coupon.id, shards, coupon.shard_count));
      return count > coupon.counted_redemptions ? raiseCount(coupon.id, count) : undefined;
    }),
  );
}

async function raiseCount(id: string, count: number): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: couponKeys.coupon(id),
        UpdateExpression: "SET counted_redemptions = :count",
        ConditionExpression:
          "attribute_exists(pk) AND (attribute_not_exists(counted_redemptions) OR counted_redemptions < :count)",
        ExpressionAttributeValues: { ":count": count },
      }),
    );
  } catch (error) {
    // Counted as far already, or further, by another recount; or the coupon is gone.
    if (!isConditionFailure(error)) throw error;
  }
}
