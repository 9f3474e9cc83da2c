import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { getEvent } from "../../shared/monitoring/event-reads";
import { getEventRoute } from "../../shared/monitoring/routes";

export const handler = httpHandler(getEventRoute, async ({ params }) =>
  ok(await getEvent(params.event_id)),
);
