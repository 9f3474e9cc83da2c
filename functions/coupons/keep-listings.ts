import { keepCouponListings } from "#coupons";

export const handler = keepCouponListings;
