import { type AccountPrincipal, authenticateAccount } from "../../shared/accounts/authenticate";
import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { readTransaction } from "../../shared/ledger/reads";
import { getOwnTransactionRoute } from "../../shared/ledger/routes";

export const handler = httpHandler<typeof getOwnTransactionRoute, AccountPrincipal>(
  getOwnTransactionRoute,
  async ({ principal, params }) =>
    ok(
      await readTransaction(
        { accountId: principal.accountId, as: "holder" },
        params.transaction_id,
      ),
    ),
  { authenticate: authenticateAccount },
);
