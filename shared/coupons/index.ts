/**
 * The coupons domain's one door: the app, the entry points and the other domains use it through
 * `#coupons` and nothing deeper.
 */
export { couponMetrics } from "#coupons/api/metrics";
export {
  couponRoutes,
  createCouponRoute,
  deleteCouponRoute,
  getCouponRoute,
  listCouponRedemptionsRoute,
  listCouponsRoute,
  listMyRedemptionsRoute,
  patchCouponRoute,
  redeemCouponRoute,
  replaceCouponRoute,
} from "#coupons/api/routes";
export type { CouponRecord, VersionCondition } from "#coupons/core/coupon";
export {
  createCoupon,
  deleteCoupon,
  getCoupon,
  type StoredCoupon,
  updateCoupon,
} from "#coupons/coupon-changes";
export { couponListingsFunction, keepCouponListings } from "#coupons/coupon-listings";
export { listCoupons } from "#coupons/list-coupons";
export { patchCoupon } from "#coupons/patch-coupon";
export { redeemCoupon } from "#coupons/redeem-coupon";
export { listCouponRedemptions, listHolderRedemptions } from "#coupons/store/redemption-lists";
