import { getEvent, getEventRoute } from "#monitoring";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler(
  getEventRoute,
  async ({ params }) => ok(await getEvent(params.event_id)),
  { checkManagerKey: checkOperatorKey },
);
