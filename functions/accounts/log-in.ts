import { logIn } from "../../shared/accounts/log-in";
import { logInRoute } from "../../shared/accounts/routes";
import { httpHandler } from "../../shared/http/handler";
import { created } from "../../shared/http/response";

export const handler = httpHandler(logInRoute, async ({ body }) => created(await logIn(body)));
