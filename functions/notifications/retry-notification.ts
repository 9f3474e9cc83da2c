import { httpHandler } from "../../shared/http/handler";
import { json } from "../../shared/http/response";
import { retryNotification } from "../../shared/notifications/notification-store";
import { retryNotificationRoute } from "../../shared/notifications/routes";

export const handler = httpHandler(retryNotificationRoute, async ({ params }) =>
  json(202, await retryNotification(params.notification_id)),
);
