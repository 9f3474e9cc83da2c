import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { listAlerts } from "../../shared/monitoring/alert-reads";
import { listAlertsRoute } from "../../shared/monitoring/routes";

export const handler = httpHandler(listAlertsRoute, async ({ query }) =>
  ok(await listAlerts(query, query.user_id)),
);
