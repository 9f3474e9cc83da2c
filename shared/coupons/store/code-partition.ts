import type { CouponRecord } from "#coupons/core/coupon";
import { type CouponFilters, filterExpression } from "#coupons/core/filters";
import { valueKey } from "#coupons/core/value-key";
import { tableName } from "#platform/db/client";
import { queryAll } from "#platform/db/query-page";
import { fromCouponItem } from "./coupon-item";
import { couponKeys } from "./keys";

/**
 * Every coupon with the query's code, at any merchant, that passes its other filters: one
 * gsi1 partition, read whole (a code names one coupon per merchant and campaign).
 */
export async function couponsWithCode(
  query: CouponFilters & { code: string },
  now: string,
): Promise<CouponRecord[]> {
  const filter = filterExpression(query, now, ["code"]);
  const items = await queryAll({
    TableName: tableName,
    IndexName: "gsi1",
    KeyConditionExpression: "gsi1pk = :partition",
    ...filter,
    ExpressionAttributeValues: {
      ":partition": couponKeys.byCode(valueKey(query.code)),
      ...filter.ExpressionAttributeValues,
    },
  });
  return items.map(fromCouponItem);
}
