import { type AccountPrincipal, authenticateAccount } from "#accounts/authenticate";
import { getOwnAnalyticsRoute } from "#ledger/api/routes";
import { readAnalytics } from "#ledger/reads";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler<typeof getOwnAnalyticsRoute, AccountPrincipal>(
  getOwnAnalyticsRoute,
  async ({ principal }) =>
    ok(await readAnalytics({ accountId: principal.accountId, as: "holder" })),
  { authenticate: authenticateAccount },
);
