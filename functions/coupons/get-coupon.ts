import { getCoupon, getCouponRoute } from "#coupons";
import { etagOf } from "#platform/http/etag";
import { httpHandler } from "#platform/http/handler";
import { json } from "#platform/http/response";

export const handler = httpHandler(getCouponRoute, async ({ params }) => {
  const { view, version } = await getCoupon(params.coupon_id);
  return json(200, view, { etag: etagOf(version) });
});
