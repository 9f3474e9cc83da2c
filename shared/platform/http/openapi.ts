import { STATUS_CODES } from "node:http";
import * as z from "zod";
import { handlerName } from "#platform/observability/service-names";
import { problemHeaders, responseHeaderDocs } from "./response-headers";
import type { ErrorSpec, ResponseHeaderName, ResponseSpec, ServedRoute } from "./route";
import { routeErrors } from "./route-errors";

const problemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    code: z.string().describe("Stable, machine-readable error code"),
    detail: z.string().describe("For people; may change"),
    errors: z
      .array(z.object({ path: z.string(), message: z.string() }))
      .optional()
      .describe("With 422 `validation_failed`: every problem found, located by its path"),
  })
  .meta({ description: "An RFC 9457 problem (`application/problem+json`)" });

const problemRef = { $ref: "#/components/schemas/Problem" };

function jsonSchema(schema: z.ZodType, io: "input" | "output") {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return rest;
}

/** Every response carries these (`withStandardHeaders`). */
const EVERY_RESPONSE = ["X-Request-Id"] as const;

const headerObjects = (names: readonly (keyof typeof responseHeaderDocs)[]) => ({
  headers: Object.fromEntries(
    [...EVERY_RESPONSE, ...names].map((name) => [name, { $ref: `#/components/headers/${name}` }]),
  ),
});

const headerComponents = () =>
  Object.fromEntries(
    Object.entries(responseHeaderDocs).map(([name, { description, schema, always }]) => [
      name,
      { description, required: always, schema },
    ]),
  );

function successResponse(spec: ResponseSpec) {
  const headers: ResponseHeaderName[] = spec.headers ?? [];
  const content = spec.schema
    ? {
        "application/json": { schema: jsonSchema(spec.schema, "output"), example: spec.example },
      }
    : spec.contentType
      ? Object.fromEntries(
          [spec.contentType].flat().map((type) => [type, { schema: { type: "string" } }]),
        )
      : undefined;
  return {
    description: spec.description,
    ...headerObjects(headers),
    ...(content ? { content } : {}),
  };
}

function problemExample(status: number, error: ErrorSpec) {
  const title = STATUS_CODES[status] ?? "Error";
  return {
    type: "about:blank",
    title,
    status,
    code: error.code,
    detail: error.description?.replaceAll("`", "") ?? title,
    ...(error.code === "validation_failed"
      ? { errors: [{ path: "name", message: "Too small: expected string to have >=1 characters" }] }
      : {}),
  };
}

function errorResponse(status: number, errors: ErrorSpec[]) {
  const lines = errors.map((e) => `- \`${e.code}\`${e.description ? `: ${e.description}` : ""}`);
  return {
    description: `${STATUS_CODES[status]}\n\n${lines.join("\n")}`,
    ...headerObjects(
      problemHeaders(
        status,
        errors.map((e) => e.code),
      ),
    ),
    content: {
      "application/problem+json": {
        schema: {
          allOf: [
            problemRef,
            {
              type: "object",
              properties: { status: { const: status }, code: { enum: errors.map((e) => e.code) } },
            },
          ],
        },
        examples: Object.fromEntries(
          errors.map((error) => [
            error.code,
            { summary: error.code, value: problemExample(status, error) },
          ]),
        ),
      },
    },
  };
}

function parameters(route: ServedRoute) {
  const examples = route.requestExample as {
    params?: Record<string, unknown>;
    query?: Record<string, unknown>;
    headers?: Record<string, unknown>;
  };
  const fromSchema = (schema: z.ZodType | undefined, location: "path" | "query" | "header") => {
    if (!schema) return [];
    const object = jsonSchema(schema, "input") as {
      properties?: Record<string, { description?: string }>;
      required?: string[];
    };
    const given =
      { path: examples.params, query: examples.query, header: examples.headers }[location] ?? {};
    return Object.entries(object.properties ?? {}).map(([name, { description, ...property }]) => ({
      name,
      in: location,
      ...(description ? { description } : {}),
      required: location === "path" || (object.required ?? []).includes(name),
      schema: property,
      ...(given[name] !== undefined ? { example: given[name] } : {}),
    }));
  };
  return [
    ...fromSchema(route.params, "path"),
    ...fromSchema(route.query, "query"),
    ...fromSchema(route.headers, "header"),
  ];
}

const accessNotes = {
  public: undefined,
  manager:
    "**Managers only**: the caller's address must be inside `MANAGER_CIDRS` (403 `forbidden`) and, where `MANAGER_KEYS=required`, carry a live operator key as `Authorization: Bearer op_…` (401 `unauthenticated` without one, 403 `forbidden` for a revoked one); a browser request from another site is refused (403 `cross_site_request`).",
  account:
    "**Account holders**: send `Authorization: Bearer <token>` with a token from `POST /v1/sessions`.",
};

function operation(route: ServedRoute) {
  const responses: Record<string, object> = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    responses[status] = successResponse(spec);
  }
  for (const [status, errors] of routeErrors(route)) {
    responses[String(status)] = errorResponse(status, errors);
  }
  const note = [
    accessNotes[route.access],
    route.rightFromAddress
      ? "**One right per address**: a browser request from another site is refused (403 `cross_site_request`)."
      : undefined,
    route.rateLimit
      ? `**Limited per address**: ${route.rateLimit.perMinute} requests a minute by default (IPv4 address, IPv6 /64; manager addresses exempt), then 429 \`too_many_requests\`.`
      : undefined,
  ]
    .filter(Boolean)
    .join("\n\n");
  const body = (route.requestExample as { body?: unknown }).body;
  return {
    operationId: handlerName(route.function.handler),
    summary: route.summary,
    ...(note ? { description: note } : {}),
    tags: route.tags ?? [],
    security:
      route.access === "account"
        ? [{ bearer: [] }]
        : route.access === "manager"
          ? [{ operatorKey: [] }]
          : [],
    "x-access": route.access,
    parameters: parameters(route),
    ...(route.body
      ? {
          requestBody: {
            required: true,
            content: {
              "application/json": { schema: jsonSchema(route.body, "input"), example: body },
            },
          },
        }
      : {}),
    responses,
  };
}

/** The OpenAPI 3.1 document of the given routes, generated from their schemas. */
export function buildOpenApiDocument(
  routes: readonly ServedRoute[],
  tagDescriptions: Readonly<Record<string, string>> = {},
) {
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, object>)[route.method.toLowerCase()] = operation(route);
  }
  const tagNames = [...new Set(routes.flatMap((route) => route.tags ?? []))];
  return {
    openapi: "3.1.0",
    info: {
      title: "Tombola API",
      version: "1.0.0",
      description:
        "Raffles, accounts and monitoring of money movements for promotion operators. Errors are `application/problem+json` with a stable `code`; lists take `?limit=` (1–100) and `?cursor=`.",
    },
    servers: [{ url: "/", description: "This deployment" }],
    tags: tagNames.map((name) => ({
      name,
      ...(tagDescriptions[name] ? { description: tagDescriptions[name] } : {}),
    })),
    paths,
    components: {
      schemas: { Problem: jsonSchema(problemSchema, "output") },
      headers: headerComponents(),
      securitySchemes: {
        bearer: {
          type: "http",
          scheme: "bearer",
          description: "An opaque token from `POST /v1/sessions`",
        },
        operatorKey: {
          type: "http",
          scheme: "bearer",
          description:
            "An operator key `op_…` (`npm run operator-key -- create`, or `POST /v1/operator-keys`): manager routes need one where `MANAGER_KEYS=required`",
        },
      },
    },
  };
}

/** The OpenAPI document's type. */
export type OpenApiDocument = ReturnType<typeof buildOpenApiDocument>;
