import { type AccountPrincipal, authenticateAccount, deleteSession, logOutRoute } from "#accounts";
import { httpHandler } from "#platform/http/handler";
import { noContent } from "#platform/http/response";

export const handler = httpHandler<typeof logOutRoute, AccountPrincipal>(
  logOutRoute,
  async ({ principal }) => {
    await deleteSession(principal.accountId, principal.tokenHash);
    return noContent();
  },
  { authenticate: authenticateAccount },
);
