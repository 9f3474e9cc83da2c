import { checkOperatorKey, createOperatorKey, createOperatorKeyRoute } from "#operators";
import { httpHandler } from "#platform/http/handler";
import { created } from "#platform/http/response";

export const handler = httpHandler(
  createOperatorKeyRoute,
  async ({ body }) => created(await createOperatorKey(body.name), "/v1/operator-keys"),
  { checkManagerKey: checkOperatorKey },
);
