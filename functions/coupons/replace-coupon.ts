import { replaceCouponRoute } from "#coupons/api/routes";
import { updateCoupon } from "#coupons/coupon-store";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { json } from "#platform/http/response";

export const handler = httpHandler(
  replaceCouponRoute,
  async ({ params, headers, body }) => {
    const { view, etag } = await updateCoupon(params.coupon_id, headers["If-Match"], () => body);
    return json(200, view, { etag });
  },
  { checkManagerKey: checkOperatorKey },
);
