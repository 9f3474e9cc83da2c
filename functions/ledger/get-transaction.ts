import { getTransactionRoute, readTransaction } from "#ledger";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler(
  getTransactionRoute,
  async ({ params }) =>
    ok(
      await readTransaction({ accountId: params.account_id, as: "manager" }, params.transaction_id),
    ),
  { checkManagerKey: checkOperatorKey },
);
