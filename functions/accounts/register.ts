import { registerRoute, signUp } from "#accounts";
import { httpHandler } from "#platform/http/handler";
import { IDEMPOTENCY_KEY_HEADER } from "#platform/idempotency/header";
import { idempotentResult } from "#platform/idempotency/record";

export const handler = httpHandler(registerRoute, async ({ body, headers }) => {
  const created = await signUp(body, headers[IDEMPOTENCY_KEY_HEADER]);
  return idempotentResult(created.response, created.replayed);
});
