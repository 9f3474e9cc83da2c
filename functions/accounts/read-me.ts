import { readMeRoute } from "#accounts/api/routes";
import { type AccountPrincipal, authenticateAccount } from "#accounts/authenticate";
import { currentAccount } from "#accounts/current-account";
import { toAccountView } from "#accounts/patch";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler<typeof readMeRoute, AccountPrincipal>(
  readMeRoute,
  async ({ principal }) => ok(toAccountView(await currentAccount(principal))),
  { authenticate: authenticateAccount },
);
