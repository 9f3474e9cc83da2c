import { type AccountPrincipal, authenticateAccount } from "#accounts";
import { listHolderRedemptions, listMyRedemptionsRoute } from "#coupons";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler<typeof listMyRedemptionsRoute, AccountPrincipal>(
  listMyRedemptionsRoute,
  async ({ principal, query }) => ok(await listHolderRedemptions(principal.accountId, query)),
  { authenticate: authenticateAccount },
);
