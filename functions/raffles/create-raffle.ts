import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { IDEMPOTENCY_KEY_HEADER } from "#platform/idempotency/header";
import { idempotentResult } from "#platform/idempotency/record";
import { createRaffle, createRaffleRoute } from "#raffles";

export const handler = httpHandler(
  createRaffleRoute,
  async ({ body, headers }) => {
    const created = await createRaffle(body, headers[IDEMPOTENCY_KEY_HEADER]);
    return idempotentResult(created.response, created.replayed);
  },
  { checkManagerKey: checkOperatorKey },
);
