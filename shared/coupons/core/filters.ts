import type { StatusFilter } from "./validity";
import { valueKey } from "./value-key";

/** The filters of a list request (the API's `ListCouponsQuery` has them). */
export interface CouponFilters {
  category?: string | undefined;
  merchant?: string | undefined;
  city?: string | undefined;
  code?: string | undefined;
  status?: StatusFilter | undefined;
}

/** The attribute conditions each `status` puts on a coupon's stored window and validity. */
const STATUS_CONDITIONS: Record<StatusFilter, string> = {
  valid: "#valid = :true",
  invalid: "#valid = :false",
  active: "#valid = :true AND published_at <= :now AND expire_at >= :now",
  scheduled: "#valid = :true AND published_at > :now",
  expired: "#valid = :true AND expire_at < :now",
};

/** The equality filters and the attribute each compares. */
const FILTERED_KEYS = [
  ["category", "category_key"],
  ["merchant", "merchant_key"],
  ["city", "city_key"],
  ["code", "code_key"],
] as const;

/** A DynamoDB filter: the expression and the names and values it uses (empty: no filter). */
export interface Filter {
  FilterExpression?: string;
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, unknown>;
}

/**
 * A FilterExpression for the query's filters (those in `served` are already the Query's key),
 * on the attributes every coupon and listing item carries. Empty when nothing is left to filter.
 */
export function filterExpression(
  query: CouponFilters,
  now: string,
  served: readonly string[] = [],
): Filter {
  const conditions: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  for (const [filter, attribute] of FILTERED_KEYS) {
    const value = query[filter];
    if (value === undefined || served.includes(filter)) continue;
    conditions.push(`${attribute} = :${filter}`);
    values[`:${filter}`] = valueKey(value);
  }
  if (query.status && !served.includes("status")) {
    const condition = STATUS_CONDITIONS[query.status];
    conditions.push(condition);
    names["#valid"] = "valid";
    if (condition.includes(":true")) values[":true"] = true;
    if (condition.includes(":false")) values[":false"] = false;
    if (condition.includes(":now")) values[":now"] = now;
  }
  if (conditions.length === 0) return {};
  return {
    FilterExpression: conditions.join(" AND "),
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ExpressionAttributeValues: values,
  };
}
