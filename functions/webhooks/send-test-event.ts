import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { json } from "#platform/http/response";
import { sendTestEvent, sendTestEventRoute } from "#webhooks";

export const handler = httpHandler(
  sendTestEventRoute,
  async ({ params }) => json(202, await sendTestEvent(params.endpoint_id)),
  { checkManagerKey: checkOperatorKey },
);
