import { type AccountPrincipal, authenticateAccount } from "../../shared/accounts/authenticate";
import { updateMeRoute } from "../../shared/accounts/routes";
import { updateAccount } from "../../shared/accounts/update-account";
import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";

export const handler = httpHandler<typeof updateMeRoute, AccountPrincipal>(
  updateMeRoute,
  async ({ principal, body }) => ok(await updateAccount(principal, body)),
  { authenticate: authenticateAccount },
);
