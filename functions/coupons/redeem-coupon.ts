import { type AccountPrincipal, authenticateAccount } from "#accounts";
import { redeemCoupon, redeemCouponRoute } from "#coupons";
import { httpHandler } from "#platform/http/handler";
import { json } from "#platform/http/response";

export const handler = httpHandler<typeof redeemCouponRoute, AccountPrincipal>(
  redeemCouponRoute,
  async ({ params, principal }) =>
    json(201, await redeemCoupon(params.coupon_id, principal.accountId)),
  { authenticate: authenticateAccount },
);
