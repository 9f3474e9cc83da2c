import {
  type AccountPrincipal,
  authenticateAccount,
  updateAccount,
  updateMeRoute,
} from "#accounts";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler<typeof updateMeRoute, AccountPrincipal>(
  updateMeRoute,
  async ({ principal, body }) => ok(await updateAccount(principal, body)),
  { authenticate: authenticateAccount },
);
