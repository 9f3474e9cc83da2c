import { registerRoute, signUp } from "#accounts";
import { httpHandler } from "#platform/http/handler";
import { created } from "#platform/http/response";

export const handler = httpHandler(registerRoute, async ({ body }) =>
  created(await signUp(body), "/v1/accounts/me"),
);
