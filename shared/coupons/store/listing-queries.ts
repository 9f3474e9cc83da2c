import type { QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { CouponPage } from "#coupons/core/coupon-page";
import type { CouponFilters } from "#coupons/core/filters";
import { orderOf } from "#coupons/core/list-order";
import type { PageRequest } from "#coupons/core/sorted-page";
import { valueKey } from "#coupons/core/value-key";
import { tableName } from "#platform/db/client";
import { queryPage } from "#platform/db/query-page";
import { couponKeys } from "./keys";
import { fromListingItem } from "./listing-item";

/** The Query (partition, index, key range, filter) that serves a mix of filters without code or near. */
function listingQuery(query: CouponFilters, now: string) {
  const listing = couponKeys.listing({
    category: query.category && valueKey(query.category),
    merchant: query.merchant && valueKey(query.merchant),
    city: query.city && valueKey(query.city),
  });
  const on = (index: "gsi1" | "gsi2" | "gsi3", partition: string, range = "", values = {}) => ({
    input: {
      IndexName: index,
      KeyConditionExpression: `${index}pk = :partition${range && ` AND ${index}sk ${range}`}`,
      ExpressionAttributeValues: { ":partition": partition, ...values },
    },
    keys: ["pk", "sk", `${index}pk`, `${index}sk`],
    partition: { name: `${index}pk`, value: partition },
  });
  const valid = couponKeys.listingByValidity(listing, true);
  switch (query.status) {
    case undefined:
      return {
        input: {
          KeyConditionExpression: "pk = :partition",
          ExpressionAttributeValues: { ":partition": listing },
        },
        keys: ["pk", "sk"],
        partition: { name: "pk", value: listing },
      };
    case "valid":
    case "invalid":
      return on("gsi1", couponKeys.listingByValidity(listing, query.status === "valid"));
    case "expired":
      return on("gsi2", valid, "< :now", { ":now": now });
    case "active": {
      const active = on("gsi2", valid, ">= :now", { ":now": now });
      return {
        ...active,
        input: { ...active.input, FilterExpression: "published_at <= :now" },
      };
    }
    case "scheduled":
      // Sort keys are `<published_at>#<id>`: "$" sorts after "#", so `now$` is past every
      // coupon published exactly now (those are active) and before any later time.
      return on("gsi3", valid, "> :after", { ":after": `${now}$` });
  }
}

/** A page from the listing items of the filters' mix: one Query, the page's length long. */
export async function listedCoupons(
  query: CouponFilters & PageRequest,
  now: string,
): Promise<CouponPage> {
  const { input, keys, partition } = listingQuery(query, now);
  const page = await queryPage(
    {
      TableName: tableName,
      ...input,
      ScanIndexForward: !orderOf(query.status).descending,
    } as QueryCommandInput,
    query,
    { names: keys, partition },
    fromListingItem,
  );
  return { items: page.items.map((record) => ({ record })), next_cursor: page.next_cursor };
}
