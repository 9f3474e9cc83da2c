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

type Io = "input" | "output";

function jsonSchema(schema: z.ZodType, io: Io) {
  const { $schema: _, ...rest } = z.toJSONSchema(schema, { io, unrepresentable: "any" });
  return rest;
}

const COMPONENT = "#/components/schemas/";
const pascal = (name: string) => name.charAt(0).toUpperCase() + name.slice(1);

/** The schema with each `#/$defs/<name>` reference renamed by `names` into a component reference. */
function pointAtComponents(schema: unknown, names: ReadonlyMap<string, string>): unknown {
  if (Array.isArray(schema)) return schema.map((item) => pointAtComponents(item, names));
  if (typeof schema !== "object" || schema === null) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, value]) => {
      if (key === "$ref" && typeof value === "string" && value.startsWith("#/$defs/")) {
        const name = value.slice("#/$defs/".length);
        return [key, `${COMPONENT}${names.get(name) ?? name}`];
      }
      return [key, pointAtComponents(value, names)];
    }),
  );
}

/**
 * The document's named schemas: every request and response body is one (`components.schemas`),
 * so a generated client has a type of that name for each. A schema named with zod's
 * `.meta({ id })` keeps that name (and so does each named schema inside it); a body without one
 * is named after its operation (`RafflesCreateRaffleRequest`, `RafflesCreateRaffleResponse`).
 * A name a schema's input and output would both take with different shapes (defaults make a
 * field optional in a request and present in a response) goes to the output; the input's is
 * `<name>Input`.
 */
class SchemaComponents {
  readonly schemas: Record<string, object> = {};
  private readonly named = new Map<z.ZodType, Partial<Record<Io, string>>>();

  constructor(initial: Record<string, object>) {
    Object.assign(this.schemas, initial);
  }

  /** A `$ref` to the component of this body, named `fallbackName` unless it has an id. */
  ref(schema: z.ZodType, io: Io, fallbackName: string): { $ref: string } {
    const known = this.named.get(schema)?.[io];
    if (known) return { $ref: `${COMPONENT}${known}` };
    const { $defs = {}, ...root } = jsonSchema(schema, io) as Record<string, unknown> & {
      $defs?: Record<string, object>;
    };
    // Settle every name first: a renamed definition changes the references to it.
    const names = new Map<string, string>();
    for (const [name, definition] of Object.entries($defs)) {
      names.set(name, this.freeName(name, definition, io, $defs, names));
    }
    for (const [name, definition] of Object.entries($defs)) {
      this.schemas[names.get(name) as string] = pointAtComponents(definition, names) as object;
    }
    const rootRef = Object.keys(root).length === 1 ? root.$ref : undefined;
    let name: string;
    if (typeof rootRef === "string" && rootRef.startsWith("#/$defs/")) {
      const defined = rootRef.slice("#/$defs/".length);
      name = names.get(defined) ?? defined;
    } else {
      name = this.freeName(fallbackName, root, io, {}, names);
      this.schemas[name] = pointAtComponents(root, names) as object;
    }
    this.named.set(schema, { ...this.named.get(schema), [io]: name });
    return { $ref: `${COMPONENT}${name}` };
  }

  private freeName(
    name: string,
    definition: object,
    io: Io,
    defs: Record<string, object>,
    names: ReadonlyMap<string, string>,
  ): string {
    const same = (candidate: string) => {
      const existing = this.schemas[candidate];
      if (existing === undefined) return true;
      // Compared as they will be stored: the references inside already renamed.
      const renamed = new Map(names);
      for (const defined of Object.keys(defs))
        if (!renamed.has(defined)) renamed.set(defined, defined);
      return JSON.stringify(existing) === JSON.stringify(pointAtComponents(definition, renamed));
    };
    if (same(name)) return name;
    const other = `${name}${pascal(io)}`;
    if (same(other)) return other;
    throw new Error(`Two different schemas are both named ${name} in the OpenAPI document`);
  }
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

function successResponse(spec: ResponseSpec, components: SchemaComponents, name: string) {
  const headers: ResponseHeaderName[] = spec.headers ?? [];
  const content = spec.schema
    ? {
        "application/json": {
          schema: components.ref(spec.schema, "output", name),
          example: spec.example,
        },
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

function operation(route: ServedRoute, components: SchemaComponents) {
  const operationId = handlerName(route.function.handler);
  const responses: Record<string, object> = {};
  const bodies = Object.values(route.responses).filter((spec) => spec.schema).length;
  for (const [status, spec] of Object.entries(route.responses)) {
    const name = `${pascal(operationId)}${bodies > 1 ? status : ""}Response`;
    responses[status] = successResponse(spec, components, name);
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
    operationId,
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
              "application/json": {
                schema: components.ref(route.body, "input", `${pascal(operationId)}Request`),
                example: body,
              },
            },
          },
        }
      : {}),
    responses,
  };
}

/** What the document says of the API as a whole: the top of `/docs`. */
export interface ApiInfo {
  title: string;
  version: string;
  description: string;
}

/** The OpenAPI 3.1 document of the given routes, generated from their schemas. */
export function buildOpenApiDocument(
  routes: readonly ServedRoute[],
  tagDescriptions: Readonly<Record<string, string>> = {},
  info: ApiInfo = { title: "API", version: "0.0.0", description: "" },
) {
  const components = new SchemaComponents({ Problem: jsonSchema(problemSchema, "output") });
  const paths: Record<string, Record<string, object>> = {};
  for (const route of routes) {
    paths[route.path] ??= {};
    (paths[route.path] as Record<string, object>)[route.method.toLowerCase()] = operation(
      route,
      components,
    );
  }
  const tagNames = [...new Set(routes.flatMap((route) => route.tags ?? []))];
  return {
    openapi: "3.1.0",
    info,
    servers: [{ url: "/", description: "This deployment" }],
    tags: tagNames.map((name) => ({
      name,
      ...(tagDescriptions[name] ? { description: tagDescriptions[name] } : {}),
    })),
    paths,
    components: {
      schemas: Object.fromEntries(
        Object.entries(components.schemas).sort(([a], [b]) => a.localeCompare(b)),
      ),
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
