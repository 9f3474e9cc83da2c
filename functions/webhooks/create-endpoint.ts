import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { created } from "#platform/http/response";
import { createEndpoint, createEndpointRoute } from "#webhooks";

export const handler = httpHandler(
  createEndpointRoute,
  async ({ body }) => {
    const endpoint = await createEndpoint(body);
    return created(endpoint, `/v1/webhook-endpoints/${endpoint.id}`);
  },
  { checkManagerKey: checkOperatorKey },
);
