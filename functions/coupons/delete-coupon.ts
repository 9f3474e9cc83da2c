import { deleteCoupon } from "../../shared/coupons/coupon-store";
import { deleteCouponRoute } from "../../shared/coupons/routes";
import { httpHandler } from "../../shared/http/handler";
import { noContent } from "../../shared/http/response";

export const handler = httpHandler(deleteCouponRoute, async ({ params, headers }) => {
  await deleteCoupon(params.coupon_id, headers["If-Match"]);
  return noContent();
});
