import { listNotifications, listNotificationsRoute } from "#notifications";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler(listNotificationsRoute, async ({ query }) =>
  ok(await listNotifications(query, query.status)),
);
