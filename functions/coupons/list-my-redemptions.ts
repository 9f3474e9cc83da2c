import { type AccountPrincipal, authenticateAccount } from "../../shared/accounts/authenticate";
import { listHolderRedemptions } from "../../shared/coupons/redemption-lists";
import { listMyRedemptionsRoute } from "../../shared/coupons/routes";
import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";

export const handler = httpHandler<typeof listMyRedemptionsRoute, AccountPrincipal>(
  listMyRedemptionsRoute,
  async ({ principal, query }) => ok(await listHolderRedemptions(principal.accountId, query)),
  { authenticate: authenticateAccount },
);
