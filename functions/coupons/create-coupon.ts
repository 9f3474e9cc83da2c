import { createCouponRoute } from "#coupons/api/routes";
import { createCoupon } from "#coupons/coupon-store";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { json } from "#platform/http/response";

export const handler = httpHandler(
  createCouponRoute,
  async ({ body }) => {
    const { view, etag } = await createCoupon(body);
    return json(201, view, { location: `/v1/coupons/${view.id}`, etag });
  },
  { checkManagerKey: checkOperatorKey },
);
