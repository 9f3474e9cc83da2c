import { createCoupon, createCouponRoute } from "#coupons";
import { checkOperatorKey } from "#operators";
import { etagOf } from "#platform/http/etag";
import { httpHandler } from "#platform/http/handler";
import { json } from "#platform/http/response";

export const handler = httpHandler(
  createCouponRoute,
  async ({ body }) => {
    const { view, version } = await createCoupon(body);
    return json(201, view, { location: `/v1/coupons/${view.id}`, etag: etagOf(version) });
  },
  { checkManagerKey: checkOperatorKey },
);
