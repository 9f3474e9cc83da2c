import { getCouponRoute } from "#coupons/api/routes";
import { getCoupon } from "#coupons/coupon-store";
import { httpHandler } from "#platform/http/handler";
import { json } from "#platform/http/response";

export const handler = httpHandler(getCouponRoute, async ({ params }) => {
  const { view, etag } = await getCoupon(params.coupon_id);
  return json(200, view, { etag });
});
