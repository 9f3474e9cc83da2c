import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { LambdaHttpHandler } from "../../shared/http/handler";

export interface EventOptions {
  method?: string;
  path?: string;
  /** A JSON value, or a raw string sent as is. */
  body?: unknown;
  sourceIp?: string;
  headers?: Record<string, string>;
  pathParameters?: Record<string, string>;
  query?: Record<string, string>;
}

/** An API Gateway HTTP API payload 2.0 event, for calling a handler in-process. */
export function lambdaEvent(options: EventOptions = {}): APIGatewayProxyEventV2 {
  const method = options.method ?? "GET";
  const path = options.path ?? "/";
  const body =
    options.body === undefined
      ? undefined
      : typeof options.body === "string"
        ? options.body
        : JSON.stringify(options.body);
  return {
    version: "2.0",
    routeKey: `${method} ${path}`,
    rawPath: path,
    rawQueryString: new URLSearchParams(options.query ?? {}).toString(),
    headers: { "content-type": "application/json", ...options.headers },
    ...(options.query ? { queryStringParameters: options.query } : {}),
    ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    requestContext: {
      accountId: "000000000000",
      apiId: "test",
      domainName: "localhost",
      domainPrefix: "localhost",
      http: {
        method,
        path,
        protocol: "HTTP/1.1",
        sourceIp: options.sourceIp ?? "203.0.113.10",
        userAgent: "vitest",
      },
      requestId: randomUUID(),
      routeKey: `${method} ${path}`,
      stage: "$default",
      time: new Date().toISOString(),
      timeEpoch: Date.now(),
    },
    ...(body === undefined ? {} : { body }),
    isBase64Encoded: false,
  };
}

/** Calls a handler with an event built from `options`; returns status, headers and parsed body. */
export async function invoke(handler: LambdaHttpHandler, options: EventOptions = {}) {
  const result = await handler(lambdaEvent(options), { awsRequestId: randomUUID() });
  const text = result.body ?? "";
  return {
    status: result.statusCode ?? 200,
    headers: (result.headers ?? {}) as Record<string, string>,
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the body holds
    body: (text ? JSON.parse(text) : undefined) as any,
  };
}
