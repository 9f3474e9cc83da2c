import { deleteMeRoute } from "#accounts/api/routes";
import { type AccountPrincipal, authenticateAccount } from "#accounts/authenticate";
import { deleteAccount } from "#accounts/delete-account";
import { httpHandler } from "#platform/http/handler";
import { noContent } from "#platform/http/response";

export const handler = httpHandler<typeof deleteMeRoute, AccountPrincipal>(
  deleteMeRoute,
  async ({ principal }) => {
    await deleteAccount(principal);
    return noContent();
  },
  { authenticate: authenticateAccount },
);
