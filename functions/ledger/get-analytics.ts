import { getAnalyticsRoute, readAnalytics } from "#ledger";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler(
  getAnalyticsRoute,
  async ({ params }) => ok(await readAnalytics({ accountId: params.account_id, as: "manager" })),
  { checkManagerKey: checkOperatorKey },
);
