import { deleteCouponRoute } from "#coupons/api/routes";
import { deleteCoupon } from "#coupons/coupon-store";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { noContent } from "#platform/http/response";

export const handler = httpHandler(
  deleteCouponRoute,
  async ({ params, headers }) => {
    await deleteCoupon(params.coupon_id, headers["If-Match"]);
    return noContent();
  },
  { checkManagerKey: checkOperatorKey },
);
