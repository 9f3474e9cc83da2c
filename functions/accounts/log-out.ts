import { type AccountPrincipal, authenticateAccount } from "../../shared/accounts/authenticate";
import { logOutRoute } from "../../shared/accounts/routes";
import { deleteSession } from "../../shared/accounts/session-store";
import { httpHandler } from "../../shared/http/handler";
import { noContent } from "../../shared/http/response";

export const handler = httpHandler<typeof logOutRoute, AccountPrincipal>(
  logOutRoute,
  async ({ principal }) => {
    await deleteSession(principal.accountId, principal.tokenHash);
    return noContent();
  },
  { authenticate: authenticateAccount },
);
