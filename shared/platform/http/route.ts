import type * as z from "zod";
import type { MetricDefinition } from "#platform/observability/metrics";

/** A per-address limit of a route: its counter's name and its default requests per minute. */
export interface RateLimitSpec {
  name: string;
  perMinute: number;
}

/** Who may call a route: anyone, a caller inside `MANAGER_CIDRS`, or a bearer-token holder. */
export type Access = "public" | "manager" | "account";

export type HttpMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

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
 * What one API route promises its clients: method, path, who may call it, what it takes and
 * answers. The OpenAPI document, the local gateway's matching and the HTTP wrapper read this;
 * how the route's function is deployed is apart (`function-definitions.ts`).
 */
export interface HttpContract<
  Body extends z.ZodType | undefined = z.ZodType | undefined,
  Params extends z.ZodType | undefined = z.ZodType | undefined,
  Query extends z.ZodType | undefined = z.ZodType | undefined,
  Headers extends z.ZodObject | undefined = z.ZodObject | undefined,
> {
  method: HttpMethod;
  /** API Gateway path template, e.g. `/v1/raffles/{id}`. */
  path: string;
  access: Access;
  /**
   * A public route whose right still comes from the caller's address (a player's one ticket
   * per raffle): like a manager route, it refuses a request a browser marks as cross-site, with
   * or without a body, so a page its visitor opens cannot spend the visitor's right.
   */
  rightFromAddress?: boolean;
  /**
   * A per-address limit (IPv4 address, IPv6 /64) on this route: at most `perMinute` requests a
   * minute, 429 beyond; manager addresses are exempt. `name` keys the counters in the table and
   * the environment override `RATE_LIMIT_<NAME>_PER_MINUTE`.
   */
  rateLimit?: RateLimitSpec;
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
  /** The success responses; the errors common to every route are derived (`route-errors.ts`). */
  responses: Record<number, ResponseSpec>;
  /**
   * The errors of this route's own domain: each status and code it can answer. A domain error
   * thrown with one of these codes is answered with its status.
   */
  errors?: ErrorSpec[];
  /**
   * The business metrics its answers count, by status: a metric with a `reason` dimension takes
   * the answer's error `code` as its reason.
   */
  answerMetrics?: Readonly<Record<number, MetricDefinition>>;
}

/** A route as the HTTP wrapper serves it: its contract, and the entry file that names its metrics. */
export type ServedRoute = HttpContract & { function: { handler: string } };

/** The `METHOD /path` key API Gateway uses for a route. */
export const routeKey = (route: Pick<HttpContract, "method" | "path">) =>
  `${route.method} ${route.path}`;
