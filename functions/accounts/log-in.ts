import { logInRoute } from "#accounts/api/routes";
import { logIn } from "#accounts/log-in";
import { httpHandler } from "#platform/http/handler";
import { created } from "#platform/http/response";

export const handler = httpHandler(logInRoute, async ({ body }) => created(await logIn(body)));
