import { deleteCoupon, deleteCouponRoute } from "#coupons";
import { checkOperatorKey } from "#operators";
import { etagOf, ifMatchHolds } from "#platform/http/etag";
import { httpHandler } from "#platform/http/handler";
import { noContent } from "#platform/http/response";

export const handler = httpHandler(
  deleteCouponRoute,
  async ({ params, headers }) => {
    const ifMatch = headers["If-Match"];
    await deleteCoupon(params.coupon_id, (version) => ifMatchHolds(ifMatch, etagOf(version)));
    return noContent();
  },
  { checkManagerKey: checkOperatorKey },
);
