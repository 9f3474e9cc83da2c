import { listTransactions, listTransactionsRoute } from "#ledger";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler(
  listTransactionsRoute,
  async ({ params, query }) =>
    ok(await listTransactions({ accountId: params.account_id, as: "manager" }, query, query)),
  { checkManagerKey: checkOperatorKey },
);
