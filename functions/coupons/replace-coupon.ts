import { replaceCouponRoute, updateCoupon } from "#coupons";
import { checkOperatorKey } from "#operators";
import { etagOf, ifMatchHolds } from "#platform/http/etag";
import { httpHandler } from "#platform/http/handler";
import { json } from "#platform/http/response";

export const handler = httpHandler(
  replaceCouponRoute,
  async ({ params, headers, body }) => {
    const ifMatch = headers["If-Match"];
    const { view, version } = await updateCoupon(
      params.coupon_id,
      (current) => ifMatchHolds(ifMatch, etagOf(current)),
      () => body,
    );
    return json(200, view, { etag: etagOf(version) });
  },
  { checkManagerKey: checkOperatorKey },
);
