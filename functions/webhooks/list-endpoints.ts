import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { listEndpointsRoute, listEndpointViews } from "#webhooks";

export const handler = httpHandler(
  listEndpointsRoute,
  async ({ query }) => ok(await listEndpointViews(query)),
  { checkManagerKey: checkOperatorKey },
);
