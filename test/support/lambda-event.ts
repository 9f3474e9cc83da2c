import { randomUUID } from "node:crypto";
import { brotliDecompressSync, gunzipSync } from "node:zlib";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import type { LambdaHttpHandler } from "#platform/http/handler";
import type { HttpResult } from "#platform/http/response";
import { lambdaEventOf } from "../../infra/local/lambda-event";
import { checkHandlerResponse } from "./contract";

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
  const query = new URLSearchParams(options.query ?? {}).toString();
  const body =
    options.body === undefined
      ? ""
      : typeof options.body === "string"
        ? options.body
        : JSON.stringify(options.body);
  const headers = Object.fromEntries(
    Object.entries({ "content-type": "application/json", ...options.headers }).map(
      ([name, value]) => [name.toLowerCase(), value],
    ),
  );
  return lambdaEventOf(
    {
      method,
      url: query ? `${path}?${query}` : path,
      headers,
      body: Buffer.from(body, "utf8"),
      sourceIp: options.sourceIp ?? "203.0.113.10",
    },
    {
      routeKey: `${method} ${path}`,
      ...(options.pathParameters ? { pathParameters: options.pathParameters } : {}),
    },
  );
}

/**
 * Calls a handler with an event built from `options`; returns status, headers and the body
 * (parsed when JSON). The answer must be one the OpenAPI document allows, or this throws.
 */
export async function invoke(handler: LambdaHttpHandler, options: EventOptions = {}) {
  const result = await handler(lambdaEvent(options), { awsRequestId: randomUUID() });
  const headers = (result.headers ?? {}) as Record<string, string>;
  const text = decoded(result, headers["content-encoding"]);
  const isJson = String(headers["content-type"] ?? "").includes("json");
  const response = {
    status: result.statusCode ?? 200,
    headers,
    // biome-ignore lint/suspicious/noExplicitAny: tests read whatever the body holds
    body: (text ? (isJson ? JSON.parse(text) : text) : undefined) as any,
  };
  checkHandlerResponse(handler.route, response);
  return response;
}

/** The body as a client reads it: base64 undone, then decompressed as `Content-Encoding` says. */
function decoded(result: HttpResult, encoding: string | undefined): string {
  if (!result.isBase64Encoded) return result.body ?? "";
  const bytes = Buffer.from(result.body ?? "", "base64");
  if (encoding === "br") return brotliDecompressSync(bytes).toString("utf8");
  if (encoding === "gzip") return gunzipSync(bytes).toString("utf8");
  return bytes.toString("utf8");
}
