import { listAlerts, listAlertsRoute } from "#monitoring";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler(
  listAlertsRoute,
  async ({ query }) => ok(await listAlerts(query, query.user_id)),
  { checkManagerKey: checkOperatorKey },
);
