import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { listUserEvents } from "../../shared/monitoring/event-reads";
import { listUserEventsRoute } from "../../shared/monitoring/routes";

export const handler = httpHandler(listUserEventsRoute, async ({ params, query }) =>
  ok(await listUserEvents(params.user_id, query)),
);
