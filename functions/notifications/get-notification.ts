import { getNotification, getNotificationRoute } from "#notifications";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler(
  getNotificationRoute,
  async ({ params }) => ok(await getNotification(params.notification_id)),
  { checkManagerKey: checkOperatorKey },
);
