import { Validator } from "@seriousme/openapi-schema-validator";
import { describe, expect, it } from "vitest";
import { routeKey } from "../../shared/http/route";
import { buildOpenApiDocument } from "../../shared/platform/openapi";
import { routes } from "../../shared/routes";

describe("the OpenAPI document", () => {
  const document = buildOpenApiDocument(routes);

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
        id: (operation as { operationId: string }).operationId,
      })),
    );
    expect(operations.map((o) => o.key).sort()).toEqual(routes.map(routeKey).sort());
    expect(new Set(operations.map((o) => o.id)).size).toBe(routes.length);
  });

  it("documents every declared error code under its status", () => {
    for (const route of routes) {
      const operation = document.paths[route.path]?.[route.method.toLowerCase()] as {
        responses: Record<string, { description: string }>;
      };
      for (const error of route.errors ?? []) {
        expect(operation.responses[error.status]?.description).toContain(`\`${error.code}\``);
      }
    }
  });
});
