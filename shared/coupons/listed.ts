import type { CouponRecord } from "./record";

/** One coupon of a page, with its distance from `near` when asked. */
export interface Listed {
  record: CouponRecord;
  distanceKm?: number;
}

/** A page of coupons before their views are made. */
export interface ListedPage {
  items: Listed[];
  next_cursor: string | null;
}
