import type { CouponRecord } from "./coupon";
import type { CouponPage } from "./coupon-page";
import type { CouponFilters } from "./filters";
import { fingerprint, lexicographic, type PageRequest, pageOfSorted } from "./sorted-page";
import type { StatusFilter } from "./validity";
import { orderKey } from "./value-key";

/**
 * The order of each list: newest first, except the time filters, which follow the time they
 * test (the index that serves them is ordered by it): `active` ending soonest first,
 * `scheduled` starting soonest first, `expired` most recently expired first.
 */
export const orderOf = (status: StatusFilter | undefined) => {
  if (status === "active") return { attribute: "expire_at", descending: false } as const;
  if (status === "scheduled") return { attribute: "published_at", descending: false } as const;
  if (status === "expired") return { attribute: "expire_at", descending: true } as const;
  return { attribute: "created_at", descending: true } as const;
};

/**
 * A page of coupons read whole (the coupons with a code), sorted in the list's order: those
 * after the cursor, and a cursor when more follow (refused by any other list).
 */
export function pageInListOrder(
  records: readonly CouponRecord[],
  query: CouponFilters & PageRequest,
): CouponPage {
  const order = orderOf(query.status);
  const compare = lexicographic(order.descending);
  const sorted = records
    .map((record) => ({
      position: [orderKey(record[order.attribute], record.id)],
      item: { record },
    }))
    .sort((a, b) => compare(a.position, b.position));
  const { limit: _limit, cursor: _cursor, ...asked } = query;
  return pageOfSorted(sorted, query, fingerprint(asked), compare);
}
