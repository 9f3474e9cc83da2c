import { type AccountPrincipal, authenticateAccount } from "../../shared/accounts/authenticate";
import { currentAccount } from "../../shared/accounts/current-account";
import { toAccountView } from "../../shared/accounts/patch";
import { readMeRoute } from "../../shared/accounts/routes";
import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";

export const handler = httpHandler<typeof readMeRoute, AccountPrincipal>(
  readMeRoute,
  async ({ principal }) => ok(toAccountView(await currentAccount(principal))),
  { authenticate: authenticateAccount },
);
