import { logIn, logInRoute } from "#accounts";
import { httpHandler } from "#platform/http/handler";
import { created } from "#platform/http/response";

export const handler = httpHandler(logInRoute, async ({ body }) => created(await logIn(body)));
