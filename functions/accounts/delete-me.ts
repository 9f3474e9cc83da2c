import { type AccountPrincipal, authenticateAccount, deleteMeRoute } from "#accounts";
import { closeAccount } from "#ledger";
import { httpHandler } from "#platform/http/handler";
import { noContent } from "#platform/http/response";

export const handler = httpHandler<typeof deleteMeRoute, AccountPrincipal>(
  deleteMeRoute,
  async ({ principal }) => {
    await closeAccount(principal);
    return noContent();
  },
  { authenticate: authenticateAccount },
);
