// A catalogue written straight to the table with the very items creation writes (less the code
// claim, so codes must not repeat at a merchant), for tests and the bench that need hundreds or
// thousands of coupons faster than one transaction each.
import { randomBytes } from "node:crypto";
import { couponBody } from "#coupons/api/schemas";
import { type CouponRecord, newRecord } from "#coupons/core/coupon";
import { toCouponItem } from "#coupons/store/coupon-item";
import { toListingItems } from "#coupons/store/listing-item";
import { batchPutAll } from "#platform/db/batches";

/** Stores coupons made from these bodies, created at `createdAtMs`, one millisecond apart. */
export async function storeCatalogue(
  bodies: readonly unknown[],
  createdAtMs = Date.now(),
): Promise<CouponRecord[]> {
  const records = bodies.map((body, i) =>
    newRecord(
      couponBody.parse(body),
      `c_${randomBytes(16).toString("hex")}`,
      new Date(createdAtMs + i).toISOString(),
    ),
  );
  // No shard items: a new coupon's are written by their first redemption.
  await batchPutAll(records.flatMap((record) => [toCouponItem(record), ...toListingItems(record)]));
  return records;
}
