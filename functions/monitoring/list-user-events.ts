import { listUserEvents, listUserEventsRoute } from "#monitoring";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler(
  listUserEventsRoute,
  async ({ params, query }) => ok(await listUserEvents(params.user_id, query)),
  { checkManagerKey: checkOperatorKey },
);
