import { db } from "#platform/db/client";
import { handler as deleteMe } from "../../../functions/accounts/delete-me";
import { handler as logInHandler } from "../../../functions/accounts/log-in";
import { handler as logOut } from "../../../functions/accounts/log-out";
import { handler as readMe } from "../../../functions/accounts/read-me";
import { handler as registerHandler } from "../../../functions/accounts/register";
import { handler as updateMe } from "../../../functions/accounts/update-me";
import { invoke } from "../../support/lambda-event";

/** In-process calls of the accounts functions, as API Gateway would invoke them. */
export const accounts = {
  register: (body: unknown) =>
    invoke(registerHandler, { method: "POST", path: "/v1/accounts", body }),
  logIn: (body: unknown) => invoke(logInHandler, { method: "POST", path: "/v1/sessions", body }),
  logOut: (token?: string, headers: Record<string, string> = bearer(token)) =>
    invoke(logOut, { method: "DELETE", path: "/v1/sessions/current", headers }),
  readMe: (token?: string, headers: Record<string, string> = bearer(token)) =>
    invoke(readMe, { method: "GET", path: "/v1/accounts/me", headers }),
  updateMe: (token: string | undefined, body: unknown) =>
    invoke(updateMe, { method: "PATCH", path: "/v1/accounts/me", body, headers: bearer(token) }),
  deleteMe: (token?: string) =>
    invoke(deleteMe, { method: "DELETE", path: "/v1/accounts/me", headers: bearer(token) }),
};

function bearer(token: string | undefined): Record<string, string> {
  return token ? { authorization: `Bearer ${token}` } : {};
}

let counter = 0;

/** A fresh, unique email for each test. */
export const uniqueEmail = (label = "user") => `${label}.${Date.now()}.${counter++}@example.com`;

export const PASSWORD = "correct horse battery";

/** Registers an account and logs it in; returns its id, email and a token. */
export async function registeredUser(label = "user", password = PASSWORD) {
  const email = uniqueEmail(label);
  const registered = await accounts.register({ email, password, name: label });
  if (registered.status !== 201) throw new Error(`register: ${registered.status}`);
  const session = await accounts.logIn({ email, password });
  if (session.status !== 201) throw new Error(`log in: ${session.status}`);
  return { id: registered.body.id as string, email, token: session.body.token as string };
}

/** Runs `change` just before the next transaction is sent: a request racing the one under test. */
export function beforeNextTransaction(change: () => Promise<unknown>) {
  let done = false;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (!done && context.commandName === "TransactWriteItemsCommand") {
        done = true;
        await change();
      }
      return next(args);
    },
    { step: "initialize", name: "beforeNextTransaction" },
  );
}

/** Removes the racer of `beforeNextTransaction` (call it in afterEach). */
export const stopRacing = () => db.middlewareStack.remove("beforeNextTransaction");
