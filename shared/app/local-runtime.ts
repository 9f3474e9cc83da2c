// What `npm start` (infra/local/) needs from the domains beyond the function list: infra builds
// from the app, never from a domain, so the app hands these through.
export type { CouponRecord } from "#coupons";
export { beaconKind, configuredBeacon, newSecretKey } from "#raffles";
