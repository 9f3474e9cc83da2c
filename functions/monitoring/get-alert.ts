import { getAlert, getAlertRoute } from "#monitoring";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler(
  getAlertRoute,
  async ({ params }) => ok(await getAlert(params.alert_id)),
  { checkManagerKey: checkOperatorKey },
);
