import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { recordEvent } from "../../shared/monitoring/record-event";
import { postLegacyEventRoute } from "../../shared/monitoring/routes";

export const handler = httpHandler(postLegacyEventRoute, async ({ body }) => {
  const { alert, alert_codes, user_id } = await recordEvent(body);
  return ok({ alert, alert_codes, user_id });
});
