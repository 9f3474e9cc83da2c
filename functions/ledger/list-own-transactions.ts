import { type AccountPrincipal, authenticateAccount } from "#accounts";
import { listOwnTransactionsRoute, listTransactions } from "#ledger";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler<typeof listOwnTransactionsRoute, AccountPrincipal>(
  listOwnTransactionsRoute,
  async ({ principal, query }) =>
    ok(await listTransactions({ accountId: principal.accountId, as: "holder" }, query, query)),
  { authenticate: authenticateAccount },
);
