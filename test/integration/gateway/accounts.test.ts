import { describe, expect, it } from "vitest";
import { type HttpResponse, useTestGateway } from "../../support/gateway";

const gateway = useTestGateway();

const email = "Flow.User@Example.com";
const firstPassword = "first correct horse";
const secondPassword = "second battery staple ✓";
const responses: HttpResponse[] = [];

async function send(method: string, path: string, body?: unknown, token?: string) {
  const response = await gateway.send(method, path, {
    ...(body === undefined ? {} : { body }),
    ...(token ? { headers: { authorization: `Bearer ${token}` } } : {}),
  });
  responses.push(response);
  return response;
}

const logIn = (password: string) => send("POST", "/v1/sessions", { email, password });

describe("accounts over real HTTP", () => {
  it("registers, logs in, reads, updates, changes password, logs out, deletes, re-registers", async () => {
    const registered = await send("POST", "/v1/accounts", {
      email,
      password: firstPassword,
      name: "Flow User",
      phone: "+41446681800",
    });
    expect(registered.status).toBe(201);
    expect(registered.body).toEqual({
      id: expect.stringMatching(/^a_/),
      email: "flow.user@example.com",
      name: "Flow User",
      phone: "+41446681800",
      sms_notifications: true,
      created_at: expect.any(String),
    });
    const id = registered.body.id;

    const first = await logIn(firstPassword);
    expect(first.status).toBe(201);
    expect(first.body).toEqual({
      token: expect.stringMatching(/^[\w-]{43}$/),
      token_type: "Bearer",
      expires_at: expect.any(String),
    });
    const hoursValid = (Date.parse(first.body.expires_at) - Date.now()) / 3_600_000;
    expect(hoursValid).toBeGreaterThan(23.9);
    expect(hoursValid).toBeLessThanOrEqual(24);
    const other = await logIn(firstPassword);
    expect(other.status).toBe(201);

    const read = await send("GET", "/v1/accounts/me", undefined, first.body.token);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(registered.body);

    const renamed = await send("PATCH", "/v1/accounts/me", { name: "Renamed" }, first.body.token);
    expect(renamed.status).toBe(200);
    expect(renamed.body).toEqual({ ...registered.body, name: "Renamed" });

    const changed = await send(
      "PATCH",
      "/v1/accounts/me",
      { password: secondPassword, current_password: firstPassword },
      first.body.token,
    );
    expect(changed.status).toBe(200);
    expect((await send("GET", "/v1/accounts/me", undefined, other.body.token)).status).toBe(401);
    expect((await send("GET", "/v1/accounts/me", undefined, first.body.token)).status).toBe(200);
    expect((await logIn(firstPassword)).status).toBe(401);

    expect((await send("DELETE", "/v1/sessions/current", undefined, first.body.token)).status).toBe(
      204,
    );
    const dead = await send("GET", "/v1/accounts/me", undefined, first.body.token);
    expect(dead.status).toBe(401);
    expect(dead.headers["www-authenticate"]).toBe("Bearer");
    expect(dead.body.code).toBe("unauthenticated");

    const again = await logIn(secondPassword);
    expect(again.status).toBe(201);
    expect((await send("DELETE", "/v1/accounts/me", undefined, again.body.token)).status).toBe(204);
    expect((await send("GET", "/v1/accounts/me", undefined, again.body.token)).status).toBe(401);
    const refused = await logIn(secondPassword);
    expect(refused.status).toBe(401);
    expect(refused.body.code).toBe("invalid_credentials");

    const reRegistered = await send("POST", "/v1/accounts", {
      email: "flow.user@EXAMPLE.com",
      password: firstPassword,
      name: "Second Life",
    });
    expect(reRegistered.status).toBe(201);
    expect(reRegistered.body.id).not.toBe(id);
    expect(reRegistered.body.phone).toBeNull();
  });

  it("never answers with a password or a hash, on any response of the flow", () => {
    expect(responses.length).toBeGreaterThan(15);
    for (const response of responses) {
      expect(response.text).not.toContain(firstPassword);
      expect(response.text).not.toContain(secondPassword);
      expect(response.text).not.toMatch(/argon2|password_hash|\$[A-Za-z0-9+/]{22,}/);
      expect(response.text).not.toMatch(/[0-9a-f]{64}/); // a keyed token hash
    }
  });
});
