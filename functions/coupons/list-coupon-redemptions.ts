import { listCouponRedemptions } from "../../shared/coupons/redemption-lists";
import { listCouponRedemptionsRoute } from "../../shared/coupons/routes";
import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";

export const handler = httpHandler(listCouponRedemptionsRoute, async ({ params, query }) =>
  ok(await listCouponRedemptions(params.coupon_id, query)),
);
