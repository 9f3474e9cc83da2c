import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { noContent } from "#platform/http/response";
import { deleteEndpointRoute, removeEndpoint } from "#webhooks";

export const handler = httpHandler(
  deleteEndpointRoute,
  async ({ params }) => {
    await removeEndpoint(params.endpoint_id);
    return noContent();
  },
  { checkManagerKey: checkOperatorKey },
);
