import { batchGetAll } from "#platform/db/batches";
import { couponKeys } from "./keys";
import type { CouponRecord } from "./record";

/** The live redemption count of each coupon (by id): every shard of theirs in one BatchGetItem. */
export async function redemptionCounts(
  records: readonly CouponRecord[],
): Promise<Map<string, number>> {
  const keys = records.flatMap((record) =>
    Array.from({ length: record.shard_count }, (_, shard) => couponKeys.shard(record.id, shard)),
  );
  const counts = new Map(records.map((record) => [record.id, 0]));
  for (const shard of keys.length > 0 ? await batchGetAll(keys) : []) {
    const id = shard.coupon_id as string;
    counts.set(id, (counts.get(id) ?? 0) + (shard.n as number));
  }
  return counts;
}
