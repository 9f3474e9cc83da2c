import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { listDeliveriesRoute, listEndpointDeliveries } from "#webhooks";

export const handler = httpHandler(
  listDeliveriesRoute,
  async ({ params, query }) =>
    ok(await listEndpointDeliveries(params.endpoint_id, query, query.status)),
  { checkManagerKey: checkOperatorKey },
);
