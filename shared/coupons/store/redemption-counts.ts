import type { CouponRecord } from "#coupons/core/coupon";
import { batchGetAll } from "#platform/db/batches";
import { couponKeys } from "./keys";
import { fromShardItem } from "./shard-item";

/** The live redemption count of each coupon (by id): every shard of theirs in one BatchGetItem. */
export async function redemptionCounts(
  records: readonly CouponRecord[],
): Promise<Map<string, number>> {
  const keys = records.flatMap((record) =>
    Array.from({ length: record.shard_count }, (_, shard) => couponKeys.shard(record.id, shard)),
  );
  const counts = new Map(records.map((record) => [record.id, 0]));
  for (const item of keys.length > 0 ? await batchGetAll(keys) : []) {
    const shard = fromShardItem(item);
    counts.set(shard.couponId, (counts.get(shard.couponId) ?? 0) + shard.n);
  }
  return counts;
}
