import { httpHandler } from "../../shared/http/handler";
import { created } from "../../shared/http/response";
import { recordEvent } from "../../shared/monitoring/record-event";
import { createEventRoute } from "../../shared/monitoring/routes";

export const handler = httpHandler(createEventRoute, async ({ body }) => {
  const recorded = await recordEvent(body);
  return created(
    {
      event_id: recorded.eventId,
      user_id: recorded.userId,
      alert: recorded.codes.length > 0,
      alert_codes: recorded.codes,
      alert_id: recorded.alertId,
    },
    `/v1/events/${recorded.eventId}`,
  );
});
