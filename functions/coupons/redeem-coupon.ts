import { type AccountPrincipal, authenticateAccount } from "../../shared/accounts/authenticate";
import { redeemCoupon } from "../../shared/coupons/redeem";
import { redeemCouponRoute } from "../../shared/coupons/routes";
import { httpHandler } from "../../shared/http/handler";
import { json } from "../../shared/http/response";

export const handler = httpHandler<typeof redeemCouponRoute, AccountPrincipal>(
  redeemCouponRoute,
  async ({ params, principal }) =>
    json(201, await redeemCoupon(params.coupon_id, principal.accountId)),
  { authenticate: authenticateAccount },
);
