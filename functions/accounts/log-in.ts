import { logIn } from "../../shared/accounts/log-in";
import { prepareDummyHash } from "../../shared/accounts/password";
import { logInRoute } from "../../shared/accounts/routes";
import { httpHandler } from "../../shared/http/handler";
import { created } from "../../shared/http/response";

// Made during init, so that the first unknown email costs no more than any other log-in.
await prepareDummyHash();

export const handler = httpHandler(logInRoute, async ({ body }) => created(await logIn(body)));
