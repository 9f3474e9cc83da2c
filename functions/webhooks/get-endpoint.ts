import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { getEndpointRoute, getEndpointView } from "#webhooks";

export const handler = httpHandler(
  getEndpointRoute,
  async ({ params }) => ok(await getEndpointView(params.endpoint_id)),
  { checkManagerKey: checkOperatorKey },
);
