import { defineMetrics } from "#platform/observability/metrics";

/** The coupons domain's business metrics: its routes' answers and its use cases count them. */
export const couponMetrics = defineMetrics("coupons", {
  CouponsCreated: {
    unit: "Count",
    dimensions: [],
    description: "Coupons created",
  },
  CouponsRedeemed: {
    unit: "Count",
    dimensions: [],
    description: "Coupon redemptions committed",
  },
  RedemptionsRefused: {
    unit: "Count",
    dimensions: ["reason"],
    description:
      "Redemptions refused: the coupon is not active, has had its max_redemptions, or the account its per_account_limit",
  },
});
