import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import * as z from "zod";
import { isTransientStoreError } from "#platform/db/store-errors";
import { DomainError, type FieldError } from "#platform/errors";
import { invocationRunner } from "#platform/observability/invocation-metrics";
import { logger } from "#platform/observability/logger";
import { functionMetricName } from "#platform/observability/service-names";
import { countAnswer } from "./answer-metrics";
import { parseJsonObject } from "./body";
import { normaliseSourceIp } from "./client-ip";
import { isCrossSiteRequest, refusesCrossSite } from "./cross-site";
import { isManager } from "./managers";
import { pathIdsOf } from "./path-id";
import { HttpError, problemResponse, problems } from "./problem";
import { spendRateLimit } from "./rate-limit";
import { type HttpResult, withStandardHeaders } from "./response";
import { type HttpContract, routeKey, type ServedRoute } from "./route";
import { routeErrors } from "./route-errors";
import { fieldErrors } from "./validation";

// Route fields are optional (`body?: Body`), so S arrives as `Body | undefined`: strip the
// undefined first, or every handler would see its parsed body as possibly undefined.
type Output<S> = [Exclude<S, undefined>] extends [never]
  ? undefined
  : Exclude<S, undefined> extends z.ZodType
    ? z.output<Exclude<S, undefined>>
    : undefined;

// biome-ignore lint/suspicious/noExplicitAny: any route, whatever its schemas
type AnyRoute = ServedRoute & HttpContract<any, any, any, any>;

/** What a handler receives: the request, already parsed, validated and authorised. */
export interface HttpRequest<R extends AnyRoute, Principal = undefined> {
  body: Output<R["body"]>;
  params: Output<R["params"]>;
  query: Output<R["query"]>;
  headers: Output<R["headers"]>;
  /** The connection's address (never a client-supplied header). */
  sourceIp: string;
  /** The authenticated caller of an `account` route. */
  principal: Principal;
}

/** Resolves the caller of an `account` route from its request, or throws 401. */
export type Authenticator<Principal> = (event: APIGatewayProxyEventV2) => Promise<Principal>;

/**
 * The second lock of a manager route, after the address: judges the `Authorization` header
 * (an operator key, where `MANAGER_KEYS=required`), throwing `unauthenticated` or `forbidden`.
 * The operators domain provides it; the platform knows no domain.
 */
export type ManagerKeyCheck = (authorization: string | undefined) => Promise<void>;

export interface HandlerOptions<Principal> {
  authenticate?: Authenticator<Principal>;
  /** Required on manager routes. */
  checkManagerKey?: ManagerKeyCheck;
}

export type LambdaHttpHandler = ((
  event: APIGatewayProxyEventV2,
  context: Pick<Context, "awsRequestId">,
) => Promise<HttpResult>) & {
  /** The route it serves: the test helpers check every answer against its documentation. */
  readonly route?: ServedRoute;
};

/**
 * Wraps a route's domain call into a Lambda handler: access check, JSON parsing and schema
 * validation, problem+json for every error, a 500 that reveals nothing but is logged with its
 * cause and request id, and the invocation's metrics (its answer's, the store's retries).
 */
export function httpHandler<R extends AnyRoute, Principal = undefined>(
  route: R,
  handle: (request: HttpRequest<R, Principal>) => Promise<HttpResult>,
  options: HandlerOptions<Principal> = {},
): LambdaHttpHandler {
  if (route.access === "account" && !options.authenticate) {
    throw new Error(`${routeKey(route)} is an account route but has no authenticator`);
  }
  if (route.access === "manager" && !options.checkManagerKey) {
    throw new Error(`${routeKey(route)} is a manager route but has no operator-key check`);
  }
  const pathIds = pathIdsOf(route.params);
  const statusOf = declaredStatuses(route);
  const invoke = invocationRunner(functionMetricName(route.function.handler));
  const handler = async (event: APIGatewayProxyEventV2, context: Pick<Context, "awsRequestId">) => {
    const requestId = context.awsRequestId ?? event.requestContext?.requestId ?? "unknown";
    const started = performance.now();
    // Keys go with each line rather than onto the shared logger: the local gateway runs many
    // requests in one process at once, and one request's keys must not label another's lines.
    const keys = { request_id: requestId, route: routeKey(route) };
    const result = await invoke(requestId, async () => {
      let answer: HttpResult;
      let code: string | undefined;
      // The caller's standing in its rate-limit window, told on every answer once counted.
      const limitHeaders: Record<string, string> = {};
      try {
        const request = await parseRequest(route, pathIds, event, options, limitHeaders);
        answer = await handle(request);
      } catch (error) {
        answer = errorResponse(error, statusOf, keys);
        if (error instanceof HttpError || error instanceof DomainError) code = error.code;
      }
      if (Object.keys(limitHeaders).length > 0) {
        answer = { ...answer, headers: { ...limitHeaders, ...answer.headers } };
      }
      countAnswer(route, answer.statusCode ?? 200, code);
      return answer;
    });
    logger.info("request", {
      ...keys,
      status: result.statusCode,
      duration_ms: Math.round(performance.now() - started),
    });
    return withStandardHeaders(result, requestId);
  };
  return Object.assign(handler, { route: route as ServedRoute });
}

async function parseRequest<R extends AnyRoute, Principal>(
  route: R,
  pathIds: Record<string, string>,
  event: APIGatewayProxyEventV2,
  { authenticate, checkManagerKey }: HandlerOptions<Principal>,
  limitHeaders: Record<string, string>,
): Promise<HttpRequest<R, Principal>> {
  const sourceIp = normaliseSourceIp(event.requestContext.http.sourceIp);
  if (refusesCrossSite(route) && isCrossSiteRequest(event)) {
    throw problems.forbidden(
      "This route's right comes from your address: it refuses requests from other sites",
      "cross_site_request",
    );
  }
  if (route.access === "manager") {
    if (!isManager(sourceIp)) throw problems.forbidden("Only managers may do this");
    await checkManagerKey?.(event.headers?.authorization ?? event.headers?.Authorization);
  }
  // Counted before any costly work (argon2, the body): manager addresses are not limited.
  if (route.rateLimit && !isManager(sourceIp)) {
    Object.assign(limitHeaders, await spendRateLimit(route.rateLimit, sourceIp));
  }
  const principal = (authenticate ? await authenticate(event) : undefined) as Principal;
  const errors: FieldError[] = [];
  let unknownThing: string | undefined;
  const parse = (schema: z.ZodType | undefined, value: unknown) => {
    if (!schema) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    for (const error of fieldErrors(result.error)) {
      // A path id that cannot name anything is the same 404 as one that names nothing.
      const thing = schema === route.params ? pathIds[error.path] : undefined;
      if (thing) unknownThing ??= thing;
      else errors.push(error);
    }
    return undefined;
  };
  const params = parse(route.params, event.pathParameters ?? {});
  const query = parse(route.query, event.queryStringParameters ?? {});
  const headers = parse(route.headers, declaredHeaders(route.headers, event.headers));
  // A route without a body still refuses one that is too large, not JSON, or has any field.
  const body = route.body
    ? parse(route.body, parseJsonObject(event))
    : event.body
      ? parse(NO_BODY, parseJsonObject(event))
      : undefined;
  if (errors.length > 0) throw problems.validation(errors);
  if (unknownThing) throw problems.notFound(unknownThing);
  return { body, params, query, headers, sourceIp, principal } as HttpRequest<R, Principal>;
}

/** The values of the headers a route declares, under their declared names (HTTP names ignore case). */
function declaredHeaders(schema: z.ZodObject | undefined, received: Record<string, unknown> = {}) {
  if (!schema) return undefined;
  const byLowerCase = new Map(Object.entries(received).map(([name, v]) => [name.toLowerCase(), v]));
  return Object.fromEntries(
    Object.keys(schema.shape).map((name) => [name, byLowerCase.get(name.toLowerCase())]),
  );
}

const NO_BODY = z.strictObject({});

/** The status of each error code the route can answer: its own errors and the common ones. */
function declaredStatuses(route: HttpContract): Map<string, number> {
  const statuses = new Map<string, number>();
  for (const [status, errors] of routeErrors(route)) {
    for (const { code } of errors) if (!statuses.has(code)) statuses.set(code, status);
  }
  return statuses;
}

/** The answer to a domain error: the status its route declares for its code. */
function domainErrorResponse(error: DomainError, status: number): HttpResult {
  const { errors, retryAfterSeconds } = error.options;
  const headers: Record<string, string> = {};
  if (retryAfterSeconds !== undefined) {
    headers["retry-after"] = String(Math.max(1, Math.ceil(retryAfterSeconds)));
  }
  if (status === 401) headers["www-authenticate"] = "Bearer";
  return problemResponse(status, error.code, error.detail, { headers, ...(errors && { errors }) });
}

/** The problem+json response for any error a handler throws; 5xx are logged with `keys`. */
function errorResponse(
  error: unknown,
  statusOf: ReadonlyMap<string, number>,
  keys: { request_id: string; [key: string]: string },
): HttpResult {
  if (error instanceof HttpError) {
    return problemResponse(error.status, error.code, error.detail, error.options);
  }
  const declared = error instanceof DomainError ? statusOf.get(error.code) : undefined;
  if (error instanceof DomainError && declared !== undefined) {
    return domainErrorResponse(error, declared);
  }
  if (isTransientStoreError(error)) {
    logger.warn("store unavailable", { ...keys, error: error as Error });
    const { status, code, detail, options } = problems.unavailable();
    return problemResponse(status, code, detail, options);
  }
  // A domain error whose code the route does not declare is a fault of ours, like any other.
  logger.error("unhandled error", { ...keys, error: error as Error });
  return problemResponse(
    500,
    "internal_error",
    `Something went wrong on our side (request ${keys.request_id})`,
  );
}
