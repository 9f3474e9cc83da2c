import { type AccountPrincipal, authenticateAccount } from "../../shared/accounts/authenticate";
import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { readAnalytics } from "../../shared/ledger/reads";
import { getOwnAnalyticsRoute } from "../../shared/ledger/routes";

export const handler = httpHandler<typeof getOwnAnalyticsRoute, AccountPrincipal>(
  getOwnAnalyticsRoute,
  async ({ principal }) =>
    ok(await readAnalytics({ accountId: principal.accountId, as: "holder" })),
  { authenticate: authenticateAccount },
);
