import { getCoupon } from "../../shared/coupons/coupon-store";
import { getCouponRoute } from "../../shared/coupons/routes";
import { httpHandler } from "../../shared/http/handler";
import { json } from "../../shared/http/response";

export const handler = httpHandler(getCouponRoute, async ({ params }) => {
  const { view, etag } = await getCoupon(params.coupon_id);
  return json(200, view, { etag });
});
