import { registerRoute } from "#accounts/api/routes";
import { registerAccount } from "#accounts/register";
import { httpHandler } from "#platform/http/handler";
import { created } from "#platform/http/response";

export const handler = httpHandler(registerRoute, async ({ body }) =>
  created(await registerAccount(body), "/v1/accounts/me"),
);
