import { updateCoupon } from "../../shared/coupons/coupon-store";
import { patchedInput } from "../../shared/coupons/patch";
import { patchCouponRoute } from "../../shared/coupons/routes";
import { httpHandler } from "../../shared/http/handler";
import { json } from "../../shared/http/response";

export const handler = httpHandler(patchCouponRoute, async ({ params, headers, body }) => {
  const { view, etag } = await updateCoupon(params.coupon_id, headers["If-Match"], (current) =>
    patchedInput(current, body),
  );
  return json(200, view, { etag });
});
