// Every answer the tests receive is checked against the OpenAPI document that GET /openapi.json
// serves: the status is documented for its operation, the body matches that status's schema
// (for a problem, its `code` is among those listed), and the headers it promises are there.
// Free of vitest: the claim worker and the bench call the handlers through it too.
import { Ajv2020, type ValidateFunction } from "ajv/dist/2020.js";
import addFormats from "ajv-formats";
import { apiDocument } from "#app/api-document";
import { routes } from "#app/routes";
import type { ServedRoute } from "#platform/http/route";
import { routeKey } from "#platform/http/route";
import { createRouteMatcher } from "#platform/http/route-matcher";
import { recordOutput } from "./secrets";

/** An answer as a test sees it: status, headers, and the body parsed when it is JSON. */
export interface ObservedResponse {
  status: number;
  headers: Record<string, unknown>;
  body: unknown;
}

interface MediaType {
  schema?: object;
}
interface DocumentedResponse {
  headers?: Record<string, { required?: boolean; $ref?: string }>;
  content?: Record<string, MediaType>;
}
interface Operation {
  responses: Record<string, DocumentedResponse>;
}

const document = apiDocument();
const operations = document.paths as Record<string, Record<string, Operation>>;
const schemas = document.components.schemas as Record<string, object>;
const headerComponents = document.components.headers as Record<string, { required?: boolean }>;
const knownRoutes = new Map(routes.map((route) => [routeKey(route), route]));
const matchRoute = createRouteMatcher(routes);

const ajv = new Ajv2020({ allErrors: true, strict: true, strictRequired: false });
addFormats(ajv);
// OpenAPI 3.1 allows `example` beside JSON Schema's `examples`: a note, not a constraint.
ajv.addKeyword("example");
const validators = new WeakMap<object, ValidateFunction>();

/** The schema with its `#/components/schemas/…` references replaced by what they name. */
function inlineRefs(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(inlineRefs);
  if (typeof schema !== "object" || schema === null) return schema;
  const ref = (schema as { $ref?: string }).$ref;
  if (ref?.startsWith("#/components/schemas/")) {
    return inlineRefs(schemas[ref.slice("#/components/schemas/".length)]);
  }
  return Object.fromEntries(Object.entries(schema).map(([k, v]) => [k, inlineRefs(v)]));
}

function validatorFor(schema: object): ValidateFunction {
  let validate = validators.get(schema);
  if (!validate) {
    validate = ajv.compile(inlineRefs(schema) as object);
    validators.set(schema, validate);
  }
  return validate;
}

const header = (response: ObservedResponse, name: string) =>
  Object.entries(response.headers).find(([key]) => key.toLowerCase() === name.toLowerCase())?.[1];

const mediaTypeOf = (response: ObservedResponse) =>
  String(header(response, "content-type") ?? "")
    .split(";")[0]
    ?.trim()
    .toLowerCase();

const hasBody = (response: ObservedResponse) =>
  response.body !== undefined && response.body !== "" && response.body !== null;

/** What is wrong with this answer of operation `method path`, by the document; [] when nothing. */
export function contractViolations(
  method: string,
  path: string,
  response: ObservedResponse,
): string[] {
  const operation = operations[path]?.[method.toLowerCase()];
  const where = `${method} ${path} answered ${response.status}`;
  if (!operation) return [`${method} ${path} is not an operation of the OpenAPI document`];
  const documented = operation.responses[String(response.status)];
  const code = (response.body as { code?: unknown } | undefined)?.code;
  if (!documented) {
    return [
      `${where}${code ? ` ${JSON.stringify(code)}` : ""}, a status the OpenAPI document does not list for it (it lists ${Object.keys(operation.responses).join(", ")})`,
    ];
  }
  const problems: string[] = [];
  for (const [name, given] of Object.entries(documented.headers ?? {})) {
    const spec = headerComponents[given.$ref?.split("/").at(-1) ?? ""] ?? given;
    if (spec.required && header(response, name) === undefined) {
      problems.push(`${where} without its documented ${name} header`);
    }
  }
  if (!documented.content) {
    if (hasBody(response)) problems.push(`${where} with a body; the document says it has none`);
    return problems;
  }
  const mediaType = mediaTypeOf(response) ?? "";
  const content = documented.content[mediaType];
  if (!content) {
    problems.push(
      `${where} as ${mediaType || "no content type"}; the document says ${Object.keys(documented.content).join(" or ")}`,
    );
    return problems;
  }
  if (!content.schema || !mediaType.endsWith("json")) return problems;
  const validate = validatorFor(content.schema);
  if (!validate(response.body)) {
    const codes = listedCodes(content.schema);
    if (codes && !codes.includes(String(code))) {
      problems.push(
        `${where} ${JSON.stringify(code)}, a code the OpenAPI document does not list for ${response.status} (it lists ${codes.join(", ")})`,
      );
    } else {
      const details = (validate.errors ?? [])
        .map((error) => `${error.instancePath || "(body)"} ${error.message}`)
        .join("; ");
      problems.push(`${where} with a body that breaks its documented schema: ${details}`);
    }
  }
  return problems;
}

/** The `code` values an error response's schema lists. */
function listedCodes(schema: object): string[] | undefined {
  const parts = (schema as { allOf?: { properties?: { code?: { enum?: string[] } } }[] }).allOf;
  return parts?.find((part) => part.properties?.code?.enum)?.properties?.code?.enum;
}

/** What the `$default` route may answer: an unknown path, or a known path's other method. */
function fallbackViolations(
  kind: "method_not_allowed" | "not_found",
  response: ObservedResponse,
): string[] {
  const [status, code] =
    kind === "not_found" ? [404, "route_not_found"] : [405, "method_not_allowed"];
  const body = response.body as { code?: unknown } | undefined;
  const problems: string[] = [];
  if (response.status !== status || body?.code !== code) {
    problems.push(`an unrouted request answered ${response.status} ${String(body?.code)}`);
  }
  if (!validatorFor(schemas.Problem as object)(response.body)) {
    problems.push("an unrouted request answered a body that is not a problem");
  }
  if (kind === "method_not_allowed" && header(response, "allow") === undefined) {
    problems.push("405 without its Allow header");
  }
  return problems;
}

/** Keeps the answer for the secrets check (secrets.ts): headers and body as the client got them. */
function recordResponse(response: ObservedResponse, where: string) {
  const body = typeof response.body === "string" ? response.body : JSON.stringify(response.body);
  recordOutput("response", `${JSON.stringify(response.headers)}\n${body ?? ""}`, where, body);
}

/** An answer that breaks the OpenAPI document. */
export class ContractViolation extends Error {
  override name = "ContractViolation";
}

// One list per process, even when a test re-imports this module (vi.resetModules).
const registry = globalThis as { [key: symbol]: string[] | undefined };
const violationsKey = Symbol.for("tombola.contractViolations");
registry[violationsKey] ??= [];
/** Every violation seen in this process, for the test hook that fails a test which swallowed one. */
export const seenViolations: string[] = registry[violationsKey];

function report(problems: string[]) {
  if (problems.length === 0) return;
  seenViolations.push(...problems);
  throw new ContractViolation(problems.join("\n"));
}

/**
 * Checks the answer of a handler called in-process. Handlers of routes outside the route table
 * (the wrapper's own unit tests make up routes) have no documentation to be held to.
 */
export function checkHandlerResponse(route: ServedRoute | undefined, response: ObservedResponse) {
  recordResponse(response, route ? routeKey(route) : "a handler");
  if (!route) return;
  const known = knownRoutes.get(routeKey(route));
  if (known?.function.handler !== route.function.handler) return;
  report(contractViolations(route.method, route.path, response));
}

/** What is wrong with an answer the local gateway gave to `method url`, by the document. */
export function gatewayViolations(method: string, url: string, response: ObservedResponse) {
  const path = new URL(url, "http://localhost").pathname;
  const match = matchRoute(method, path);
  return match.kind === "found"
    ? contractViolations(match.route.method, match.route.path, response)
    : fallbackViolations(match.kind, response);
}

/** Checks an answer the local gateway gave to `method path` over HTTP. */
export function checkGatewayResponse(method: string, url: string, response: ObservedResponse) {
  recordResponse(response, `${method} ${url}`);
  report(gatewayViolations(method, url, response));
}
