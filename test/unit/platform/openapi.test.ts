import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import type * as z from "zod";
import { apiDocument } from "#app/api-document";
import { apiTags, routes } from "#app/routes";
import { routeKey } from "#platform/http/route";
import { contractViolations } from "../../support/contract";

interface Operation {
  operationId: string;
  security: unknown[];
  description?: string;
  parameters: { name: string; in: string; example?: unknown }[];
  requestBody?: { content: Record<string, { example?: unknown }> };
  responses: Record<
    string,
    {
      description: string;
      headers?: Record<string, { $ref: string }>;
      content?: Record<
        string,
        { example?: unknown; examples?: Record<string, { value: unknown }> }
      >;
    }
  >;
}

describe("the OpenAPI document", () => {
  const document = apiDocument();
  const operationOf = (route: (typeof routes)[number]) =>
    document.paths[route.path]?.[route.method.toLowerCase()] as Operation;

  it("is a valid OpenAPI 3.1 document", async () => {
    const result = await new Validator().validate(structuredClone(document));
    expect(result.errors ?? []).toEqual([]);
    expect(result.valid).toBe(true);
    expect(document.openapi).toBe("3.1.0");
  });

  it("has one operation per route, with a unique operationId", () => {
    const operations = Object.entries(document.paths).flatMap(([path, methods]) =>
      Object.entries(methods).map(([method, operation]) => ({
        key: `${method.toUpperCase()} ${path}`,
        id: (operation as Operation).operationId,
      })),
    );
    expect(operations.map((o) => o.key).sort()).toEqual(routes.map(routeKey).sort());
    expect(new Set(operations.map((o) => o.id)).size).toBe(routes.length);
  });

  it("lists every declared error code under its status, with an example of each", () => {
    for (const route of routes) {
      const { responses } = operationOf(route);
      for (const error of route.errors ?? []) {
        const response = responses[error.status];
        expect(response?.description, routeKey(route)).toContain(`\`${error.code}\``);
        const examples = response?.content?.["application/problem+json"]?.examples ?? {};
        expect(examples[error.code]?.value, `${routeKey(route)} ${error.code}`).toMatchObject({
          status: error.status,
          code: error.code,
        });
      }
    }
  });

  const required = (header: { $ref: string } | undefined) =>
    header &&
    (document.components.headers as Record<string, { required: boolean }>)[
      header.$ref.split("/").at(-1) ?? ""
    ]?.required;

  it("derives the errors every route shares from what it declares", () => {
    for (const route of routes) {
      const { responses } = operationOf(route);
      const codes = (status: number) =>
        Object.keys(responses[status]?.content?.["application/problem+json"]?.examples ?? {});
      for (const [status, code] of [
        [400, "invalid_json"],
        [413, "payload_too_large"],
        [415, "unsupported_media_type"],
        [422, "validation_failed"],
        [500, "internal_error"],
        [503, "unavailable"],
      ] as const) {
        expect(codes(status), `${routeKey(route)} ${status}`).toContain(code);
      }
      if (route.access === "manager") {
        expect(codes(403)).toEqual(expect.arrayContaining(["forbidden", "cross_site_request"]));
        expect(operationOf(route).description).toMatch(/Managers only/);
      }
      if (route.access === "account") {
        expect(codes(401)).toContain("unauthenticated");
        expect(required(responses[401]?.headers?.["WWW-Authenticate"])).toBe(true);
        expect(operationOf(route).security).toEqual([{ bearer: [] }]);
      } else if (route.access === "manager") {
        // The operator key of MANAGER_KEYS=required: /docs offers it under Authorize.
        expect(codes(401)).toContain("unauthenticated");
        expect(required(responses[401]?.headers?.["WWW-Authenticate"])).toBe(true);
        expect(operationOf(route).security).toEqual([{ operatorKey: [] }]);
      } else {
        expect(operationOf(route).security).toEqual([]);
      }
      expect(required(responses[503]?.headers?.["Retry-After"])).toBe(true);
      if (responses[429]) expect(required(responses[429].headers?.["Retry-After"])).toBe(true);
      for (const [status, response] of Object.entries(responses)) {
        expect(required(response.headers?.["X-Request-Id"]), status).toBe(true);
      }
    }
  });

  it("describes every tag", () => {
    for (const tag of document.tags) {
      expect(apiTags[tag.name], `tag ${tag.name} needs a line in apiTags`).toBeTruthy();
    }
  });
});

describe("the examples of every route", () => {
  const document = apiDocument();
  const operationOf = (route: (typeof routes)[number]) =>
    document.paths[route.path]?.[route.method.toLowerCase()] as Operation;
  const parse = (schema: z.ZodType | undefined, value: unknown) => schema?.safeParse(value);

  it.each(routes.map((route) => [routeKey(route), route] as const))(
    "%s: the request example is one the route accepts",
    (_, route) => {
      const example = route.requestExample as { body?: unknown; params?: object; query?: object };
      if (route.body) {
        const parsed = parse(route.body, example.body);
        expect(parsed?.error?.issues ?? [], "body").toEqual([]);
      } else {
        expect(example.body).toBeUndefined();
      }
      if (route.params) {
        expect(parse(route.params, example.params)?.error?.issues ?? [], "params").toEqual([]);
      }
      if (route.query) {
        expect(parse(route.query, example.query ?? {})?.error?.issues ?? [], "query").toEqual([]);
      }
      const operation = operationOf(route);
      for (const name of Object.keys(example.params ?? {})) {
        expect(operation.parameters.find((p) => p.name === name)?.example).toBeDefined();
      }
      if (route.body)
        expect(operation.requestBody?.content["application/json"]?.example).toBe(example.body);
    },
  );

  it.each(routes.map((route) => [routeKey(route), route] as const))(
    "%s: every response example matches its schema, in Zod and in the document",
    (_, route) => {
      for (const [status, spec] of Object.entries(route.responses)) {
        if (!spec.schema) continue;
        expect(spec.schema.safeParse(spec.example).error?.issues ?? [], status).toEqual([]);
        const example =
          operationOf(route).responses[status]?.content?.["application/json"]?.example;
        expect(example, status).toBe(spec.example);
        const headers = Object.fromEntries(
          [...(spec.headers ?? []), "X-Request-Id"].map((name) => [name, "x"] as const),
        );
        expect(
          contractViolations(route.method, route.path, {
            status: Number(status),
            headers: { "content-type": "application/json", ...headers },
            body: example,
          }),
        ).toEqual([]);
      }
      for (const [status, response] of Object.entries(operationOf(route).responses)) {
        const examples = response.content?.["application/problem+json"]?.examples ?? {};
        for (const [code, { value }] of Object.entries(examples)) {
          const headers = Object.fromEntries(
            Object.keys(response.headers ?? {}).map((name) => [name, "1"] as const),
          );
          expect(
            contractViolations(route.method, route.path, {
              status: Number(status),
              headers: { "content-type": "application/problem+json", ...headers },
              body: value,
            }),
            code,
          ).toEqual([]);
        }
      }
    },
  );
});

describe("the response check", () => {
  const route = routes.find((r) => r.path === "/v1/raffles/{id}" && r.method === "GET");
  const problem = (status: number, code: string) => ({
    status,
    headers: { "content-type": "application/problem+json", "x-request-id": "r" },
    body: { type: "about:blank", title: "x", status, code, detail: "x" },
  });

  it("refuses a status the operation does not document", () => {
    expect(route).toBeDefined();
    expect(contractViolations("GET", "/v1/raffles/{id}", problem(418, "teapot"))).toEqual([
      expect.stringMatching(/418 "teapot", a status the OpenAPI document does not list/),
    ]);
  });

  it("refuses a code the document does not list for that status", () => {
    expect(contractViolations("GET", "/v1/raffles/{id}", problem(404, "ticket_not_found"))).toEqual(
      [expect.stringMatching(/"ticket_not_found", a code the OpenAPI document does not list/)],
    );
  });

  it("refuses a body that breaks the schema, an unknown field included", () => {
    const body = { ...(route?.responses[200]?.example as object), surprise: true };
    const [violation] = contractViolations("GET", "/v1/raffles/{id}", {
      status: 200,
      headers: { "content-type": "application/json", "x-request-id": "r" },
      body,
    });
    expect(violation).toMatch(/breaks its documented schema/);
  });

  it("refuses a response without a header it documents", () => {
    const created = routes.find((r) => r.path === "/v1/raffles" && r.method === "POST");
    expect(
      contractViolations("POST", "/v1/raffles", {
        status: 201,
        headers: { "content-type": "application/json", "x-request-id": "r" },
        body: created?.responses[201]?.example,
      }),
    ).toEqual([expect.stringMatching(/without its documented Location header/)]);
  });

  it("refuses another media type than the documented one", () => {
    expect(
      contractViolations("GET", "/health", {
        status: 200,
        headers: { "content-type": "text/plain", "x-request-id": "r" },
        body: "ok",
      }),
    ).toEqual([expect.stringMatching(/as text\/plain; the document says application\/json/)]);
  });
});
