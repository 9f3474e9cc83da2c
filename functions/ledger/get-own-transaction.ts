import { type AccountPrincipal, authenticateAccount } from "#accounts/authenticate";
import { getOwnTransactionRoute } from "#ledger/api/routes";
import { readTransaction } from "#ledger/reads";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

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
