import { listCouponRedemptions, listCouponRedemptionsRoute } from "#coupons";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler(
  listCouponRedemptionsRoute,
  async ({ params, query }) => ok(await listCouponRedemptions(params.coupon_id, query)),
  { checkManagerKey: checkOperatorKey },
);
