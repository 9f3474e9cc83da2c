import { httpHandler } from "../../shared/http/handler";
import { IDEMPOTENCY_KEY_HEADER } from "../../shared/idempotency/header";
import { idempotentResult } from "../../shared/idempotency/record";
import { postTransaction } from "../../shared/ledger/post-transaction";
import { postTransactionRoute } from "../../shared/ledger/routes";

export const handler = httpHandler(postTransactionRoute, async ({ params, headers, body }) => {
  const posted = await postTransaction(params.account_id, body, headers[IDEMPOTENCY_KEY_HEADER]);
  return idempotentResult(posted.response, posted.replayed);
});
