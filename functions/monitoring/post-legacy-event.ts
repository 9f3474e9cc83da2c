import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { recordEvent } from "../../shared/monitoring/record-event";
import { postLegacyEventRoute } from "../../shared/monitoring/routes";

export const handler = httpHandler(postLegacyEventRoute, async ({ body }) => {
  const recorded = await recordEvent(body);
  return ok({
    alert: recorded.codes.length > 0,
    alert_codes: recorded.codes,
    user_id: recorded.userId,
  });
});
