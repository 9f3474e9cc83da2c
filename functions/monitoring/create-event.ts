import { httpHandler } from "../../shared/http/handler";
import { created } from "../../shared/http/response";
import { recordEvent } from "../../shared/monitoring/record-event";
import { createEventRoute } from "../../shared/monitoring/routes";

export const handler = httpHandler(createEventRoute, async ({ body }) => {
  const event = await recordEvent(body);
  return created(event, `/v1/events/${event.event_id}`);
});
