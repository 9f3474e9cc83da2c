import { type AccountPrincipal, authenticateAccount } from "#accounts";
import { getOwnAnalyticsRoute, readAnalytics } from "#ledger";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler<typeof getOwnAnalyticsRoute, AccountPrincipal>(
  getOwnAnalyticsRoute,
  async ({ principal }) =>
    ok(await readAnalytics({ accountId: principal.accountId, as: "holder" })),
  { authenticate: authenticateAccount },
);
