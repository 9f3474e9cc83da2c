import type { CouponRecord } from "./coupon";

/** One coupon of a page, with its distance from `near` when asked. */
export interface ListedCoupon {
  record: CouponRecord;
  distanceKm?: number;
}

/** A page of coupons before their views are made. */
export interface CouponPage {
  items: ListedCoupon[];
  next_cursor: string | null;
}
