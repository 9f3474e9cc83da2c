import { patchCouponRoute } from "#coupons/api/routes";
import { updateCoupon } from "#coupons/coupon-store";
import { patchedInput } from "#coupons/patch";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { json } from "#platform/http/response";

export const handler = httpHandler(
  patchCouponRoute,
  async ({ params, headers, body }) => {
    const { view, etag } = await updateCoupon(params.coupon_id, headers["If-Match"], (current) =>
      patchedInput(current, body),
    );
    return json(200, view, { etag });
  },
  { checkManagerKey: checkOperatorKey },
);
