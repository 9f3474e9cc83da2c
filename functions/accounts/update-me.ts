import { updateMeRoute } from "#accounts/api/routes";
import { type AccountPrincipal, authenticateAccount } from "#accounts/authenticate";
import { updateAccount } from "#accounts/update-account";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler<typeof updateMeRoute, AccountPrincipal>(
  updateMeRoute,
  async ({ principal, body }) => ok(await updateAccount(principal, body)),
  { authenticate: authenticateAccount },
);
