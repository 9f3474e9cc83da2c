import type { QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import type { ListCouponsQuery, ListedCouponView } from "#coupons/api/schemas";
import { tableName } from "#platform/db/client";
import { queryPage } from "#platform/db/query-page";
import { nowIso } from "./clock";
import { couponsWithCode } from "./code-partition";
import { redemptionCounts } from "./counts";
import { couponKeys, orderKey, valueKey } from "./keys";
import type { ListedPage } from "./listed";
import { nearCoupons } from "./near";
import { recordOf, toView } from "./record";
import { fingerprint, lexicographic, pageOfSorted } from "./sorted-page";
import type { StatusFilter } from "./validity";

/**
 * The order of each list: newest first, except the time filters, which follow the time they
 * test (the index that serves them is ordered by it): `active` ending soonest first,
 * `scheduled` starting soonest first, `expired` most recently expired first.
 */
const orderOf = (status: StatusFilter | undefined) => {
  if (status === "active") return { attribute: "expire_at", descending: false } as const;
  if (status === "scheduled") return { attribute: "published_at", descending: false } as const;
  if (status === "expired") return { attribute: "expire_at", descending: true } as const;
  return { attribute: "created_at", descending: true } as const;
};

/** The Query (partition, index, key range, filter) that serves a mix of filters without code or near. */
function listingQuery(query: ListCouponsQuery, now: string) {
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
async function listedCoupons(query: ListCouponsQuery, now: string): Promise<ListedPage> {
  const { input, keys, partition } = listingQuery(query, now);
  const page = await queryPage(
    {
      TableName: tableName,
      ...input,
      ScanIndexForward: !orderOf(query.status).descending,
    } as QueryCommandInput,
    query,
    { names: keys, partition },
    recordOf,
  );
  return { items: page.items.map((record) => ({ record })), next_cursor: page.next_cursor };
}

/** A page of the coupons with a code, read whole and sorted in the list's order. */
async function listedWithCode(
  query: ListCouponsQuery & { code: string },
  now: string,
): Promise<ListedPage> {
  const order = orderOf(query.status);
  const compare = lexicographic(order.descending);
  const sorted = (await couponsWithCode(query, now))
    .map((record) => ({
      position: [orderKey(record[order.attribute], record.id)],
      item: { record },
    }))
    .sort((a, b) => compare(a.position, b.position));
  const { limit: _limit, cursor: _cursor, ...asked } = query;
  return pageOfSorted(sorted, query, fingerprint(asked), compare);
}

const roundKm = (km: number) => Math.round(km * 1000) / 1000;

/** A page of coupons matching every filter given, in the list's order (see `orderOf`). */
export async function listCoupons(
  query: ListCouponsQuery,
): Promise<{ items: ListedCouponView[]; next_cursor: string | null }> {
  const now = nowIso();
  const { near, radius_km } = query;
  const page =
    near && radius_km !== undefined
      ? await nearCoupons({ ...query, near, radius_km }, now)
      : query.code
        ? await listedWithCode({ ...query, code: query.code }, now)
        : await listedCoupons(query, now);
  const counts = await redemptionCounts(page.items.map(({ record }) => record));
  return {
    items: page.items.map(({ record, distanceKm }) => ({
      ...toView(record, counts.get(record.id) ?? 0, now),
      ...(distanceKm === undefined ? {} : { distance_km: roundKm(distanceKm) }),
    })),
    next_cursor: page.next_cursor,
  };
}
