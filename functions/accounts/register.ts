import { registerAccount } from "../../shared/accounts/register";
import { registerRoute } from "../../shared/accounts/routes";
import { httpHandler } from "../../shared/http/handler";
import { created } from "../../shared/http/response";

export const handler = httpHandler(registerRoute, async ({ body }) =>
  created(await registerAccount(body), "/v1/accounts/me"),
);
