import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { listNotifications } from "../../shared/notifications/notification-store";
import { listNotificationsRoute } from "../../shared/notifications/routes";

export const handler = httpHandler(listNotificationsRoute, async ({ query }) =>
  ok(await listNotifications(query, query.status)),
);
