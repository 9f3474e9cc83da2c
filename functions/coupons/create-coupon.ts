import { createCoupon } from "../../shared/coupons/coupon-store";
import { createCouponRoute } from "../../shared/coupons/routes";
import { httpHandler } from "../../shared/http/handler";
import { json } from "../../shared/http/response";

export const handler = httpHandler(createCouponRoute, async ({ body }) => {
  const { view, etag } = await createCoupon(body);
  return json(201, view, { location: `/v1/coupons/${view.id}`, etag });
});
