import { updateCoupon } from "../../shared/coupons/coupon-store";
import { replaceCouponRoute } from "../../shared/coupons/routes";
import { httpHandler } from "../../shared/http/handler";
import { json } from "../../shared/http/response";

export const handler = httpHandler(replaceCouponRoute, async ({ params, headers, body }) => {
  const { view, etag } = await updateCoupon(params.coupon_id, headers["If-Match"], () => body);
  return json(200, view, { etag });
});
