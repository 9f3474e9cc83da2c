import { checkOperatorKey } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { ok } from "#platform/http/response";
import { rotateEndpointSecret, rotateSecretRoute } from "#webhooks";

export const handler = httpHandler(
  rotateSecretRoute,
  async ({ params }) => ok(await rotateEndpointSecret(params.endpoint_id)),
  { checkManagerKey: checkOperatorKey },
);
