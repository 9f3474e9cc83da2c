import { createEventRoute, recordEvent } from "#monitoring";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { IDEMPOTENCY_KEY_HEADER } from "#platform/idempotency/header";
import { idempotentResult } from "#platform/idempotency/record";

export const handler = httpHandler(
  createEventRoute,
  async ({ body, headers }) => {
    const recorded = await recordEvent(body, headers[IDEMPOTENCY_KEY_HEADER]);
    return idempotentResult(recorded.response, recorded.replayed);
  },
  { checkManagerKey: checkOperatorKey },
);
