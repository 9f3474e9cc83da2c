import { describe, expect, it } from "vitest";
import * as z from "zod";
import { defineRoute } from "#platform/function-definitions";
import { httpHandler } from "#platform/http/handler";
import { buildOpenApiDocument } from "#platform/http/openapi";
import { ok } from "#platform/http/response";
import { invoke } from "../../../support/lambda-event";
import { expectProblem } from "../../../support/problem";

const route = defineRoute({
  method: "POST",
  path: "/things",
  access: "public",
  summary: "test",
  headers: z.object({
    "Request-Tag": z.string().regex(/^\w+$/, "Must be a word"),
    "X-Optional": z.string().optional(),
  }),
  body: z.strictObject({ name: z.string() }),
  requestExample: { headers: { "Request-Tag": "tag" }, body: { name: "x" } },
  responses: { 200: { description: "ok" } },
  function: {
    handler: "test/things.ts",
    tableActions: [],
  },
});
const handler = httpHandler(route, async ({ headers }) => ok(headers));
const call = (headers: Record<string, string>, body: unknown = { name: "x" }) =>
  invoke(handler, { method: "POST", body, headers });

describe("a route's declared headers", () => {
  it("reach the handler under their declared names, whatever the case sent", async () => {
    const response = await call({ "request-tag": "alpha", "X-OPTIONAL": "b", other: "ignored" });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ "Request-Tag": "alpha", "X-Optional": "b" });
  });

  it("are validated with the body: a 422 names the header", async () => {
    const missing = await call({}, { name: 1 });
    expectProblem(missing, 422, "validation_failed");
    expect(missing.body.errors.map((e: { path: string }) => e.path).sort()).toEqual([
      "Request-Tag",
      "name",
    ]);
    const bad = await call({ "request-tag": "two words" });
    expect(bad.body.errors).toEqual([{ path: "Request-Tag", message: "Must be a word" }]);
  });

  it("are OpenAPI header parameters, required unless optional", () => {
    const document = buildOpenApiDocument([route]);
    const operation = document.paths["/things"]?.post as { parameters: object[] } | undefined;
    const parameters = operation?.parameters;
    expect(parameters).toEqual([
      expect.objectContaining({ name: "Request-Tag", in: "header", required: true }),
      expect.objectContaining({ name: "X-Optional", in: "header", required: false }),
    ]);
  });
});
