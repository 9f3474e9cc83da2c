import { retryNotification, retryNotificationRoute } from "#notifications";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { json } from "#platform/http/response";

export const handler = httpHandler(
  retryNotificationRoute,
  async ({ params }) => json(202, await retryNotification(params.notification_id)),
  { checkManagerKey: checkOperatorKey },
);
