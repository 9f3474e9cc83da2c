import { type AccountPrincipal, authenticateAccount } from "#accounts";
import { getOwnTransactionRoute, readTransaction } from "#ledger";
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
