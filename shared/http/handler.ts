import type { APIGatewayProxyEventV2, Context } from "aws-lambda";
import type * as z from "zod";
import { isTransientStoreError } from "../db/store-errors";
import { parseJsonObject } from "./body";
import { normaliseSourceIp } from "./client-ip";
import { logger } from "./logger";
import { isManager } from "./managers";
import { type FieldError, HttpError, problemResponse, problems } from "./problem";
import type { HttpResult } from "./response";
import { type RouteDefinition, routeKey } from "./route";
import { fieldErrors } from "./validation";

// `body?` makes R["body"] include undefined: strip it before asking for the schema's output.
type Output<S> = [NonNullable<S>] extends [never]
  ? undefined
  : NonNullable<S> extends z.ZodType
    ? z.output<NonNullable<S>>
    : undefined;

// biome-ignore lint/suspicious/noExplicitAny: any route, whatever its schemas
type AnyRoute = RouteDefinition<any, any, any>;

/** What a handler receives: the request, already parsed, validated and authorised. */
export interface HttpRequest<R extends AnyRoute, Principal = undefined> {
  body: Output<R["body"]>;
  params: Output<R["params"]>;
  query: Output<R["query"]>;
  headers: APIGatewayProxyEventV2["headers"];
  /** The connection's address (never a client-supplied header). */
  sourceIp: string;
  requestId: string;
  /** The authenticated caller of an `account` route. */
  principal: Principal;
}

/** Resolves the caller of an `account` route from its request, or throws 401. */
export type Authenticator<Principal> = (event: APIGatewayProxyEventV2) => Promise<Principal>;

export type LambdaHttpHandler = (
  event: APIGatewayProxyEventV2,
  context: Pick<Context, "awsRequestId">,
) => Promise<HttpResult>;

/**
 * Wraps a route's domain call into a Lambda handler: access check, JSON parsing and schema
 * validation, problem+json for every error, and a 500 that reveals nothing but is logged
 * with its cause and request id.
 */
export function httpHandler<R extends AnyRoute, Principal = undefined>(
  route: R,
  handle: (request: HttpRequest<R, Principal>) => Promise<HttpResult>,
  options: { authenticate?: Authenticator<Principal> } = {},
): LambdaHttpHandler {
  if (route.access === "account" && !options.authenticate) {
    throw new Error(`${routeKey(route)} is an account route but has no authenticator`);
  }
  return async (event, context) => {
    const requestId = context.awsRequestId ?? event.requestContext?.requestId ?? "unknown";
    const started = performance.now();
    logger.appendKeys({ request_id: requestId, route: routeKey(route) });
    let result: HttpResult;
    try {
      result = await handle(await parseRequest(route, event, requestId, options.authenticate));
    } catch (error) {
      result = errorResponse(error, requestId);
    }
    logger.info("request", {
      status: result.statusCode,
      duration_ms: Math.round(performance.now() - started),
    });
    return result;
  };
}

async function parseRequest<R extends AnyRoute, Principal>(
  route: R,
  event: APIGatewayProxyEventV2,
  requestId: string,
  authenticate?: Authenticator<Principal>,
): Promise<HttpRequest<R, Principal>> {
  const sourceIp = normaliseSourceIp(event.requestContext.http.sourceIp);
  if (route.access === "manager" && !isManager(sourceIp)) {
    throw problems.forbidden("Only managers may do this");
  }
  const principal = (authenticate ? await authenticate(event) : undefined) as Principal;
  const errors: FieldError[] = [];
  const parse = (schema: z.ZodType | undefined, value: unknown) => {
    if (!schema) return undefined;
    const result = schema.safeParse(value);
    if (result.success) return result.data;
    errors.push(...fieldErrors(result.error));
    return undefined;
  };
  const params = parse(route.params, event.pathParameters ?? {});
  const query = parse(route.query, event.queryStringParameters ?? {});
  const body = route.body ? parse(route.body, parseJsonObject(event)) : undefined;
  if (errors.length > 0) throw problems.validation(errors);
  return {
    body,
    params,
    query,
    headers: event.headers ?? {},
    sourceIp,
    requestId,
    principal,
  } as HttpRequest<R, Principal>;
}

/** The problem+json response for any error a handler throws. */
export function errorResponse(error: unknown, requestId: string): HttpResult {
  if (error instanceof HttpError) {
    return problemResponse(error.status, error.code, error.detail, error.options);
  }
  if (isTransientStoreError(error)) {
    logger.warn("store unavailable", { error: error as Error });
    const { status, code, detail, options } = problems.unavailable();
    return problemResponse(status, code, detail, options);
  }
  logger.error("unhandled error", { error: error as Error });
  return problemResponse(
    500,
    "internal_error",
    `Something went wrong on our side (request ${requestId})`,
  );
}
