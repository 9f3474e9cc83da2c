import { type AccountPrincipal, authenticateAccount } from "#accounts";
import { redeemCoupon, redeemCouponRoute } from "#coupons";
import { httpHandler } from "#platform/http/handler";
import { IDEMPOTENCY_KEY_HEADER } from "#platform/idempotency/header";
import { idempotentResult } from "#platform/idempotency/record";

export const handler = httpHandler<typeof redeemCouponRoute, AccountPrincipal>(
  redeemCouponRoute,
  async ({ params, headers, principal }) => {
    const redeemed = await redeemCoupon(
      params.coupon_id,
      principal.accountId,
      headers[IDEMPOTENCY_KEY_HEADER],
    );
    return idempotentResult(redeemed.response, redeemed.replayed);
  },
  { authenticate: authenticateAccount },
);
