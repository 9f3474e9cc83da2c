import type * as z from "zod";
import type { MetricName } from "#platform/observability/metric-catalogue";

/** Who may call a route: anyone, a caller inside `MANAGER_CIDRS`, or a bearer-token holder. */
export type Access = "public" | "manager" | "account";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/** The DynamoDB actions a function may be granted; each route names only those it uses. */
export type TableAction =
  | "dynamodb:GetItem"
  | "dynamodb:BatchGetItem"
  | "dynamodb:Query"
  | "dynamodb:PutItem"
  | "dynamodb:UpdateItem"
  | "dynamodb:DeleteItem"
  | "dynamodb:BatchWriteItem"
  | "dynamodb:ConditionCheckItem";

/** Headers a response can carry, each described once in the OpenAPI document (`headers.ts`). */
export type ResponseHeaderName =
  | "Location"
  | "ETag"
  | "Cache-Control"
  | "Content-Security-Policy"
  | "Vary"
  | "Content-Encoding"
  | "Idempotent-Replayed";

interface ResponseBase {
  description: string;
  /** Headers this response carries; the test suite checks each is there. */
  headers?: ResponseHeaderName[];
}

/**
 * A documented response of a route: a JSON body with its schema and an example of it (a test
 * checks the example against the schema), a body of another media type, or no body at all.
 */
export type ResponseSpec = ResponseBase &
  (
    | { schema: z.ZodType; example: unknown; contentType?: undefined }
    | { contentType: string | readonly string[]; schema?: undefined; example?: undefined }
    | { schema?: undefined; example?: undefined; contentType?: undefined }
  );

/** A documented error of a route: its status, stable `code`, and when it happens. */
export interface ErrorSpec {
  status: number;
  code: string;
  description?: string;
}

type InputOf<S> = S extends z.ZodType ? z.input<S> : never;

/**
 * A request the route accepts, shown in the OpenAPI document; a test checks it against the
 * route's schemas. It must give the body and the path parameters whenever the route has them.
 */
export type RequestExample<Body, Params, Query, Headers> = (Body extends z.ZodType
  ? { body: InputOf<Body> }
  : { body?: undefined }) &
  (Params extends z.ZodType ? { params: InputOf<Params> } : { params?: undefined }) &
  (Query extends z.ZodType ? { query?: InputOf<Query> } : { query?: undefined }) &
  (Headers extends z.ZodType ? { headers?: InputOf<Headers> } : { headers?: undefined });

/**
 * One API route: the single source of truth from which the CDK stack, the local gateway and
 * the OpenAPI document are all derived.
 */
export interface RouteDefinition<
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Params extends z.ZodType | undefined = z.ZodType | undefined,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
  Headers extends z.ZodObject | undefined = z.ZodObject | undefined,
> {
  method: HttpMethod;
  /** API Gateway path template, e.g. `/v1/raffles/{id}`. */
  path: string;
  /** The Lambda entry point, relative to `functions/`. */
  handler: string;
  access: Access;
  summary: string;
  tags?: string[];
  body?: Body;
  params?: Params;
  query?: Query;
  /**
   * Request headers the route reads, by their canonical name (`Idempotency-Key`, `If-Match`):
   * looked up case-insensitively, validated like the body (errors name the header), documented
   * in OpenAPI.
   */
  headers?: Headers;
  /** A request the route accepts: the document shows it, a test validates it. */
  requestExample: RequestExample<Body, Params, Query, Headers>;
  /** The success responses; the errors common to every route are derived (`openapi.ts`). */
  responses: Record<number, ResponseSpec>;
  /** The errors of this route's own domain; each status and code it can answer. */
  errors?: ErrorSpec[];
  /** Least privilege: exactly the table actions the function performs. */
  tableActions: TableAction[];
  /**
   * The business metrics its answers count, by status (`shared/platform/observability/metric-catalogue.ts`): a metric
   * with a `reason` dimension takes the answer's error `code` as its reason.
   */
  answerMetrics?: Partial<Record<number, MetricName>>;
  /** Whether the function serves the /docs page or its assets: its Lambda asset carries them. */
  docsAssets?: boolean;
  /** Whether the function needs the server's hashing key (tokens, verification codes). */
  usesHashKey?: boolean;
  /** Memory for the function in MiB (default 256). */
  memoryMiB?: number;
  /**
   * npm packages with a native binary that the function loads (e.g. `@node-rs/argon2`): kept
   * out of the bundle and shipped in the function's `node_modules` with the binary for its
   * Lambda architecture. Only the functions that name them carry them.
   */
  nativeModules?: string[];
}

/** Declares a route, keeping its schema types for the handler. */
export function defineRoute<
  Body extends z.ZodType | undefined = undefined,
  Params extends z.ZodType | undefined = undefined,
  Query extends z.ZodType | undefined = undefined,
  Headers extends z.ZodObject | undefined = undefined,
>(
  route: RouteDefinition<Body, Params, Query, Headers>,
): RouteDefinition<Body, Params, Query, Headers> {
  return route;
}

/** A name from an entry file: `raffles/claim-ticket.ts` → `rafflesClaimTicket`. */
export const handlerName = (handler: string) =>
  handler.replace(/\.ts$/, "").replace(/[/-](\w)/g, (_, letter: string) => letter.toUpperCase());

/** The `METHOD /path` key API Gateway uses for a route. */
export const routeKey = (route: Pick<RouteDefinition, "method" | "path">) =>
  `${route.method} ${route.path}`;
