import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { json } from "#platform/http/response";
import { retryDelivery, retryDeliveryRoute } from "#webhooks";

export const handler = httpHandler(
  retryDeliveryRoute,
  async ({ params }) => json(202, await retryDelivery(params.delivery_id)),
  { checkManagerKey: checkOperatorKey },
);
