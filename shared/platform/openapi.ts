import { STATUS_CODES } from "node:http";
import * as z from "zod";
import { pathIdsOf } from "../http/path-id";
import { handlerName, type RouteDefinition } from "../http/route";

const problemSchema = z.object({
  type: z.string(),
  title: z.string(),
  status: z.number().int(),
  code: z.string().describe("Stable, machine-readable error code"),
  detail: z.string(),
  errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
});

const problemRef = { $ref: "#/components/schemas/Problem" };

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return rest;
}

/** The errors any route can answer, whatever its own. */
function commonErrors(route: RouteDefinition) {
  const errors = [
    { status: 500, code: "internal_error" },
    { status: 503, code: "unavailable" },
  ];
  if (route.body) {
    errors.push(
      { status: 400, code: "invalid_json" },
      { status: 413, code: "payload_too_large" },
      { status: 415, code: "unsupported_media_type" },
    );
  }
  if (route.body || route.params || route.query || route.headers)
    errors.push({ status: 422, code: "validation_failed" });
  for (const thing of Object.values(pathIdsOf(route.params))) {
    errors.push({ status: 404, code: `${thing}_not_found` });
  }
  if (route.access === "manager") {
    errors.push({ status: 403, code: "forbidden" }, { status: 403, code: "cross_site_request" });
  }
  if (route.access === "account") errors.push({ status: 401, code: "unauthenticated" });
  return errors;
}

function parameters(route: RouteDefinition) {
  const fromSchema = (schema: z.ZodType | undefined, location: "path" | "query" | "header") => {
    if (!schema) return [];
    const object = jsonSchema(schema, "input") as {
      properties?: Record<string, object>;
      required?: string[];
    };
    return Object.entries(object.properties ?? {}).map(([name, property]) => ({
      name,
      in: location,
      required: location === "path" || (object.required ?? []).includes(name),
      schema: property,
    }));
  };
  return [
    ...fromSchema(route.params, "path"),
    ...fromSchema(route.query, "query"),
    ...fromSchema(route.headers, "header"),
  ];
}

function operation(route: RouteDefinition) {
  const responses: Record<string, object> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    responses[status] = {
      description: spec.description,
      ...(spec.schema
        ? { content: { "application/json": { schema: jsonSchema(spec.schema, "output") } } }
        : {}),
    };
  }
  const errors = [...(route.errors ?? []), ...commonErrors(route)];
  for (const status of new Set(errors.map((error) => error.status))) {
    const codes = [...new Set(errors.filter((e) => e.status === status).map((e) => e.code))];
    responses[String(status)] = {
      description: `${STATUS_CODES[status]}: ${codes.map((code) => `\`${code}\``).join(", ")}`,
      content: { "application/problem+json": { schema: problemRef } },
    };
  }
  return {
    operationId: handlerName(route.handler),
    summary: route.summary,
    tags: route.tags ?? [],
    ...(route.access === "account" ? { security: [{ bearer: [] }] } : {}),
    ...(route.access === "manager"
      ? { description: "Managers only: the caller's address must be inside MANAGER_CIDRS." }
      : {}),
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: { "application/json": { schema: jsonSchema(route.body, "input") } },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the given routes, generated from their schemas. */
export function buildOpenApiDocument(routes: readonly RouteDefinition[]) {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, object>)[route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Tombola API",
      version: "1.0.0",
      description: "Raffles, accounts and monitoring of money movements for promotion operators.",
    },
    paths,
    components: {
      schemas: { Problem: jsonSchema(problemSchema, "output") },
      securitySchemes: { bearer: { type: "http", scheme: "bearer" } },
    },
  };
}
