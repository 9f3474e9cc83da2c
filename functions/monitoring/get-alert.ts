import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { getAlert } from "../../shared/monitoring/alert-reads";
import { getAlertRoute } from "../../shared/monitoring/routes";

export const handler = httpHandler(getAlertRoute, async ({ params }) =>
  ok(await getAlert(params.alert_id)),
);
