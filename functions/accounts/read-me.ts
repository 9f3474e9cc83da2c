import {
  type AccountPrincipal,
  authenticateAccount,
  currentAccount,
  readMeRoute,
  toAccountView,
} from "#accounts";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler<typeof readMeRoute, AccountPrincipal>(
  readMeRoute,
  async ({ principal }) => ok(toAccountView(await currentAccount(principal))),
  { authenticate: authenticateAccount },
);
