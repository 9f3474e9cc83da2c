import { type AccountPrincipal, authenticateAccount } from "../../shared/accounts/authenticate";
import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { listTransactions } from "../../shared/ledger/reads";
import { listOwnTransactionsRoute } from "../../shared/ledger/routes";

export const handler = httpHandler<typeof listOwnTransactionsRoute, AccountPrincipal>(
  listOwnTransactionsRoute,
  async ({ principal, query }) =>
    ok(await listTransactions({ accountId: principal.accountId, as: "holder" }, query, query)),
  { authenticate: authenticateAccount },
);
