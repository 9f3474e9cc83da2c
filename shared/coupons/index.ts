/**
 * The coupons domain's one door: the app, the entry points and the other domains use it through
 * `#coupons` and nothing deeper.
 */
export { couponMetrics } from "#coupons/api/metrics";
export { couponRoutes } from "#coupons/api/routes";
