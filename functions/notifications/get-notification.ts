import { httpHandler } from "../../shared/http/handler";
import { ok } from "../../shared/http/response";
import { getNotification } from "../../shared/notifications/notification-store";
import { getNotificationRoute } from "../../shared/notifications/routes";

export const handler = httpHandler(getNotificationRoute, async ({ params }) =>
  ok(await getNotification(params.notification_id)),
);
