import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { patchEndpoint, patchEndpointRoute } from "#webhooks";

export const handler = httpHandler(
  patchEndpointRoute,
  async ({ params, body }) => ok(await patchEndpoint(params.endpoint_id, body)),
  { checkManagerKey: checkOperatorKey },
);
