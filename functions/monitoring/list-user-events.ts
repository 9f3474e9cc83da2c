import { listUserEventsRoute } from "#monitoring/api/routes";
import { listUserEvents } from "#monitoring/event-reads";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler(
  listUserEventsRoute,
  async ({ params, query }) => ok(await listUserEvents(params.user_id, query)),
  { checkManagerKey: checkOperatorKey },
);
