import { createCoupon, createCouponRoute } from "#coupons";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { IDEMPOTENCY_KEY_HEADER } from "#platform/idempotency/header";
import { idempotentResult } from "#platform/idempotency/record";

export const handler = httpHandler(
  createCouponRoute,
  async ({ body, headers }) => {
    const created = await createCoupon(body, headers[IDEMPOTENCY_KEY_HEADER]);
    return idempotentResult(created.response, created.replayed);
  },
  { checkManagerKey: checkOperatorKey },
);
