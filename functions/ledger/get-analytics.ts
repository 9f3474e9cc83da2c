import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { readAnalytics } from "../../shared/ledger/reads";
import { getAnalyticsRoute } from "../../shared/ledger/routes";

export const handler = httpHandler(getAnalyticsRoute, async ({ params }) =>
  ok(await readAnalytics({ accountId: params.account_id, as: "manager" })),
);
