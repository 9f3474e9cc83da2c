import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { getDelivery, getDeliveryRoute } from "#webhooks";

export const handler = httpHandler(
  getDeliveryRoute,
  async ({ params }) => ok(await getDelivery(params.delivery_id)),
  { checkManagerKey: checkOperatorKey },
);
