import { postTransaction, postTransactionRoute } from "#ledger";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { IDEMPOTENCY_KEY_HEADER } from "#platform/idempotency/header";
import { idempotentResult } from "#platform/idempotency/record";

export const handler = httpHandler(
  postTransactionRoute,
  async ({ params, headers, body }) => {
    const posted = await postTransaction(params.account_id, body, headers[IDEMPOTENCY_KEY_HEADER]);
    return idempotentResult(posted.response, posted.replayed);
  },
  { checkManagerKey: checkOperatorKey },
);
