import { describe, expect, it, vi } from "vitest";
import * as z from "zod";
import { defineRoute } from "#platform/function-definitions";
import { httpHandler } from "#platform/http/handler";
import { pathId } from "#platform/http/path-id";
import { HttpError } from "#platform/http/problem";
import { ok } from "#platform/http/response";
import { logger } from "#platform/observability/logger";
import { invoke, lambdaEvent } from "../../../support/lambda-event";
import { expectProblem } from "../../../support/problem";

const route = defineRoute({
  method: "POST",
  path: "/things/{id}",
  access: "public",
  summary: "test",
  params: z.object({ id: z.string().regex(/^t_\w+$/) }),
  query: z.strictObject({ mode: z.enum(["a", "b"]).optional() }),
  body: z.strictObject({
    name: z.string().min(1),
    items: z.array(z.strictObject({ quantity: z.number().int().min(1) })),
  }),
  requestExample: { params: { id: "t_1" }, body: { name: "x", items: [] } },
  responses: { 200: { description: "ok" } },
  function: {
    handler: "test/things.ts",
    tableActions: [],
  },
});

const handler = httpHandler(route, async ({ body, params, query, sourceIp }) =>
  ok({ body, params, query, sourceIp }),
);
const call = (options: Parameters<typeof invoke>[1]) =>
  invoke(handler, { method: "POST", pathParameters: { id: "t_1" }, ...options });

describe("the handler wrapper", () => {
  it("passes the parsed request to the domain call", async () => {
    const response = await call({
      body: { name: "x", items: [{ quantity: 2 }] },
      query: { mode: "a" },
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      body: { name: "x", items: [{ quantity: 2 }] },
      params: { id: "t_1" },
      query: { mode: "a" },
      sourceIp: "203.0.113.10",
    });
  });

  it.each([
    ["not JSON", "{nope"],
    ["a JSON array", "[1,2]"],
    ["a JSON string", '"hello"'],
    ["JSON null", "null"],
    ["empty", ""],
  ])("answers 400 invalid_json for a body that is %s", async (_, body) => {
    const response = await call({ body });
    expect(response.status).toBe(400);
    expect(response.headers["content-type"]).toBe("application/problem+json");
    expect(response.body).toMatchObject({
      status: 400,
      code: "invalid_json",
      title: "Bad Request",
    });
  });

  it("answers 413 for a body over 64 KiB, counting bytes not characters", async () => {
    const name = "é".repeat(33 * 1024);
    const response = await call({ body: { name, items: [] } });
    expect(response.status).toBe(413);
    expect(response.body.code).toBe("payload_too_large");
  });

  it("lists every schema problem with its path, in body, params and query", async () => {
    const response = await call({
      pathParameters: { id: "bad" },
      query: { mode: "c" },
      body: { name: "", items: [{ quantity: 0 }, { quantity: 1, extra: true }], color: "red" },
    });
    expect(response.status).toBe(422);
    expect(response.body.code).toBe("validation_failed");
    const paths = response.body.errors.map((e: { path: string }) => e.path).sort();
    expect(paths).toEqual(["color", "id", "items[0].quantity", "items[1].extra", "mode", "name"]);
  });

  it("uses the connection's address, never X-Forwarded-For", async () => {
    const response = await call({
      body: { name: "x", items: [] },
      sourceIp: "::ffff:198.51.100.4",
      headers: { "x-forwarded-for": "127.0.0.1" },
    });
    expect(response.body.sourceIp).toBe("198.51.100.4");
  });

  it("turns an HttpError into problem+json with its headers", async () => {
    const failing = httpHandler(route, async () => {
      throw new HttpError(409, "sold_out", "No tickets remain", { headers: { "x-a": "1" } });
    });
    const response = await invoke(failing, {
      method: "POST",
      pathParameters: { id: "t_1" },
      body: { name: "x", items: [] },
    });
    expect(response.status).toBe(409);
    expect(response.headers["x-a"]).toBe("1");
    expect(response.body).toEqual({
      type: "about:blank",
      title: "Conflict",
      status: 409,
      code: "sold_out",
      detail: "No tickets remain",
    });
  });

  it("answers an unexpected error with a 500 that reveals nothing, and logs the cause", async () => {
    const log = vi.spyOn(logger, "error").mockImplementation(() => undefined);
    const failing = httpHandler(route, async () => {
      throw new Error("secret internal detail at /var/task/index.js:1");
    });
    const response = await invoke(failing, {
      method: "POST",
      pathParameters: { id: "t_1" },
      body: { name: "x", items: [] },
    });
    expect(response.status).toBe(500);
    expect(response.body.code).toBe("internal_error");
    expect(JSON.stringify(response.body)).not.toMatch(/secret|var\/task|stack/);
    expect(log).toHaveBeenCalledOnce();
    log.mockRestore();
  });

  it("answers 503 with Retry-After when the store stays throttled", async () => {
    const failing = httpHandler(route, async () => {
      throw Object.assign(new Error("slow down"), { name: "ThrottlingException" });
    });
    const response = await invoke(failing, {
      method: "POST",
      pathParameters: { id: "t_1" },
      body: { name: "x", items: [] },
    });
    expect(response.status).toBe(503);
    expect(response.headers["retry-after"]).toBe("1");
    expect(response.body.code).toBe("unavailable");
  });

  it("refuses to build an account route without an authenticator", () => {
    expect(() => httpHandler({ ...route, access: "account" }, async () => ok({}))).toThrow(
      /authenticator/,
    );
  });
});

describe("a route that takes no body", () => {
  const bodiless = defineRoute({
    method: "POST",
    path: "/things/{id}/poke",
    access: "public",
    summary: "test",
    requestExample: {},
    responses: { 200: { description: "ok" } },
    function: {
      handler: "test/poke.ts",
      tableActions: [],
    },
  });
  const poke = httpHandler(bodiless, async () => ok({ poked: true }));

  it("accepts no body, or an empty object", async () => {
    expect((await invoke(poke, { method: "POST" })).status).toBe(200);
    expect((await invoke(poke, { method: "POST", body: {} })).status).toBe(200);
  });

  it("refuses a body that is too large, not JSON, or has any field", async () => {
    const huge = await invoke(poke, { method: "POST", body: { x: "y".repeat(70_000) } });
    expect(huge.status).toBe(413);
    expect((await invoke(poke, { method: "POST", body: "{bad" })).body.code).toBe("invalid_json");
    const extra = await invoke(poke, { method: "POST", body: { x: 1 } });
    expect(extra.status).toBe(422);
    expect(extra.body.errors).toEqual([{ path: "x", message: "Unknown field" }]);
  });

  it("refuses a body that does not say it is JSON, even an empty object", async () => {
    const form = await invoke(poke, {
      method: "POST",
      body: "{}",
      headers: { "content-type": "application/x-www-form-urlencoded" },
    });
    expectProblem(form, 415, "unsupported_media_type");
  });
});

describe("logging", () => {
  it("labels each request's line with its own request id, even when requests overlap", async () => {
    const info = vi.spyOn(logger, "info").mockImplementation(() => undefined);
    let releaseFirst: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => {
      releaseFirst = resolve;
    });
    const slow = httpHandler(route, async ({ body }) => {
      if (body.name === "first") await gate;
      return ok({});
    });
    const event = (name: string) => ({
      method: "POST",
      pathParameters: { id: "t_1" },
      body: { name, items: [] },
    });
    const first = slow(lambdaEvent(event("first")), { awsRequestId: "req-first" });
    await slow(lambdaEvent(event("second")), { awsRequestId: "req-second" });
    releaseFirst();
    await first;
    const ids = info.mock.calls.map((call) => (call[1] as { request_id: string }).request_id);
    expect(ids).toEqual(["req-second", "req-first"]);
    info.mockRestore();
  });
});

describe("a path id", () => {
  const thingRoute = defineRoute({
    method: "POST",
    path: "/things/{thing_id}/parts/{part}",
    access: "public",
    summary: "test",
    params: z.strictObject({
      thing_id: pathId("thing", "t_1", (id) =>
        /^t_\d+$/.test(id) ? Number(id.slice(2)) : undefined,
      ),
      part: z.string().regex(/^\d+$/, "Must be a number"),
    }),
    body: z.strictObject({ name: z.string() }),
    requestExample: { params: { thing_id: "t_1", part: "1" }, body: { name: "x" } },
    responses: { 200: { description: "ok" } },
    function: {
      handler: "test/things.ts",
      tableActions: [],
    },
  });
  const thing = httpHandler(thingRoute, async ({ params }) => ok(params));
  const callThing = (thing_id: string, part = "1", body: unknown = { name: "x" }) =>
    invoke(thing, { method: "POST", pathParameters: { thing_id, part }, body });

  it("reaches the domain call parsed", async () => {
    const response = await callThing("t_42");
    expect(response.body).toEqual({ thing_id: 42, part: "1" });
  });

  it("that cannot name a thing is 404 <thing>_not_found, not a schema error", async () => {
    for (const id of ["x", "t_", "T_1", "t_1 ", ""]) {
      expectProblem(await callThing(id), 404, "thing_not_found");
    }
  });

  it("gives way to the request's other schema errors, as a well-formed unknown id would", async () => {
    const badPart = await callThing("nope", "x");
    expectProblem(badPart, 422, "validation_failed");
    expect(badPart.body.errors).toEqual([{ path: "part", message: "Must be a number" }]);
    const badBody = await callThing("nope", "1", { name: 1 });
    expect(badBody.body.errors.map((e: { path: string }) => e.path)).toEqual(["name"]);
  });
});

describe("a request body's media type", () => {
  const body = JSON.stringify({ name: "x", items: [] });
  const withType = (type: string | undefined) =>
    call({ body, headers: type === undefined ? {} : { "content-type": type } });

  it.each([
    "application/json",
    "application/json; charset=utf-8",
    "Application/JSON",
    "application/merge-patch+json",
  ])("accepts %s", async (type) => {
    expect((await withType(type)).status).toBe(200);
  });

  it.each([
    "text/plain",
    "application/x-www-form-urlencoded",
    "multipart/form-data; boundary=x",
    "application/jsonp",
    "application/json-seq",
    "",
  ])("answers 415 unsupported_media_type for %j", async (type) => {
    expectProblem(await withType(type), 415, "unsupported_media_type");
  });

  it("answers 415 when the header is missing altogether", async () => {
    const event = lambdaEvent({ method: "POST", pathParameters: { id: "t_1" }, body });
    const response = await handler({ ...event, headers: {} }, { awsRequestId: "r" });
    expect(response.statusCode).toBe(415);
  });
});

describe("a manager route called from a browser page", () => {
  const managerRoute = defineRoute({
    method: "POST",
    path: "/managed",
    access: "manager",
    summary: "test",
    requestExample: {},
    responses: { 200: { description: "ok" } },
    function: {
      handler: "test/managed.ts",
      tableActions: [],
    },
  });
  const managed = httpHandler(managerRoute, async () => ok({ done: true }), {
    checkManagerKey: async () => {},
  });

  it("cannot be built without an operator-key check", () => {
    expect(() => httpHandler(managerRoute, async () => ok({ done: true }))).toThrow(
      /no operator-key check/,
    );
  });
  const callManaged = (headers: Record<string, string>) =>
    invoke(managed, {
      method: "POST",
      sourceIp: "127.0.0.1",
      headers: { host: "api.example.com", ...headers },
    });

  it.each([
    [{ "sec-fetch-site": "cross-site" }],
    [{ "sec-fetch-site": "same-site" }],
    [{ origin: "https://evil.example" }],
    [{ origin: "null" }],
    [{ origin: "http://api.example.com", "x-forwarded-proto": "https" }],
    [{ origin: "https://api.example.com:8443", "x-forwarded-proto": "https" }],
  ])("is refused with 403 cross_site_request: %j", async (headers) => {
    expectProblem(await callManaged(headers), 403, "cross_site_request");
  });

  it.each([
    [{}],
    [{ "sec-fetch-site": "same-origin" }],
    [{ "sec-fetch-site": "none" }],
    [{ origin: "https://api.example.com", "x-forwarded-proto": "https" }],
    [{ origin: "http://api.example.com" }],
  ])("is served when it comes from the API's own origin or no browser: %j", async (headers) => {
    expect((await callManaged(headers)).status).toBe(200);
  });

  it("does not concern public routes", async () => {
    const response = await call({
      body: { name: "x", items: [] },
      headers: { "sec-fetch-site": "cross-site", origin: "https://evil.example" },
    });
    expect(response.status).toBe(200);
  });
});

describe("every response", () => {
  it("carries nosniff, no-store and the request id its log line has", async () => {
    const info = vi.spyOn(logger, "info").mockImplementation(() => undefined);
    for (const options of [{ body: { name: "x", items: [] } }, { body: "{nope" }]) {
      const result = await handler(
        lambdaEvent({ method: "POST", pathParameters: { id: "t_1" }, ...options }),
        { awsRequestId: "req-42" },
      );
      expect(result.headers).toMatchObject({
        "x-content-type-options": "nosniff",
        "cache-control": "no-store",
        "x-request-id": "req-42",
      });
    }
    const logged = info.mock.calls.map((c) => (c[1] as { request_id: string }).request_id);
    expect(logged).toEqual(["req-42", "req-42"]);
    info.mockRestore();
  });

  it("keeps a Cache-Control its route chose", async () => {
    const cached = httpHandler(route, async () => ({
      statusCode: 200,
      headers: { "cache-control": "public, max-age=60" },
      body: "{}",
    }));
    const result = await cached(
      lambdaEvent({
        method: "POST",
        pathParameters: { id: "t_1" },
        body: { name: "x", items: [] },
      }),
      { awsRequestId: "r" },
    );
    expect(result.headers?.["cache-control"]).toBe("public, max-age=60");
  });
});
