import { type AccountPrincipal, authenticateAccount } from "../../shared/accounts/authenticate";
import { deleteAccount } from "../../shared/accounts/delete-account";
import { deleteMeRoute } from "../../shared/accounts/routes";
import { httpHandler } from "../../shared/http/handler";
import { noContent } from "../../shared/http/response";

export const handler = httpHandler<typeof deleteMeRoute, AccountPrincipal>(
  deleteMeRoute,
  async ({ principal }) => {
    await deleteAccount(principal);
    return noContent();
  },
  { authenticate: authenticateAccount },
);
