import { listNotifications, listNotificationsRoute } from "#notifications";
import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";

export const handler = httpHandler(
  listNotificationsRoute,
  async ({ query }) => ok(await listNotifications(query, query.status)),
  { checkManagerKey: checkOperatorKey },
);
