import { createEventRoute, recordEvent } from "#monitoring";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { created } from "#platform/http/response";

export const handler = httpHandler(
  createEventRoute,
  async ({ body }) => {
    const event = await recordEvent(body);
    return created(event, `/v1/events/${event.event_id}`);
  },
  { checkManagerKey: checkOperatorKey },
);
