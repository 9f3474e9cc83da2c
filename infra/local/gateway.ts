import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { fallbackHandler, routes } from "#app/routes";
import type { LambdaHttpHandler } from "#platform/http/handler";
import { problemResponse } from "#platform/http/problem";
import { type HttpResult, STRICT_TRANSPORT_SECURITY } from "#platform/http/response";
import { routeKey } from "#platform/http/route";
import { createRouteMatcher } from "#platform/http/route-matcher";
import { logger } from "#platform/observability/logger";
import { lambdaEventOf } from "./lambda-event";

const FUNCTIONS_DIR = join(import.meta.dirname, "../../functions");
/** API Gateway HTTP APIs refuse payloads over 10 MB. */
const MAX_REQUEST_BYTES = 10 * 1024 * 1024;

const handlers = new Map<string, Promise<LambdaHttpHandler>>();

/** Loads a function's entry point once, as Lambda keeps a warm module. */
function loadHandler(file: string): Promise<LambdaHttpHandler> {
  let handler = handlers.get(file);
  if (!handler) {
    handler = import(pathToFileURL(join(FUNCTIONS_DIR, file)).href).then(
      (module) => module.handler,
    );
    handlers.set(file, handler);
  }
  return handler;
}

function readBody(request: IncomingMessage): Promise<Buffer | "too_large"> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on("data", (chunk: Buffer) => {
      size += chunk.length;
      if (size <= MAX_REQUEST_BYTES) chunks.push(chunk);
    });
    request.on("end", () =>
      resolve(size > MAX_REQUEST_BYTES ? "too_large" : Buffer.concat(chunks)),
    );
    request.on("error", reject);
  });
}

/** Turns a Node request into the API Gateway HTTP API payload 2.0 event Lambda would receive. */
export function toLambdaEvent(
  request: IncomingMessage,
  body: Buffer,
  route: { routeKey: string; pathParameters?: Record<string, string> },
): APIGatewayProxyEventV2 {
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(request.headersDistinct)) {
    if (value) headers[name.toLowerCase()] = value.join(",");
  }
  return lambdaEventOf(
    {
      method: request.method ?? "GET",
      url: request.url ?? "/",
      headers,
      body,
      sourceIp: request.socket.remoteAddress ?? "",
      protocol: `HTTP/${request.httpVersion}`,
    },
    route,
  );
}

function send(response: ServerResponse, result: HttpResult) {
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(result.headers ?? {})) headers[name] = String(value);
  if (result.cookies?.length) headers["set-cookie"] = result.cookies;
  const body = result.body
    ? Buffer.from(result.body, result.isBase64Encoded ? "base64" : "utf8")
    : undefined;
  headers["x-content-type-options"] ??= "nosniff";
  headers["strict-transport-security"] ??= STRICT_TRANSPORT_SECURITY;
  response.writeHead(result.statusCode ?? 200, headers);
  response.end(body);
}

const matchRoute = createRouteMatcher(routes);

/**
 * The names this server answers to: loopback names and addresses, the address it listens on,
 * and any listed in `LOCAL_HOSTNAMES` (comma-separated). A page on another name that the
 * browser resolves to 127.0.0.1 (DNS rebinding) passes the Origin check, since its Origin is
 * its own Host: refusing a foreign Host is what stops it from acting from a manager address.
 */
function allowedHostnames(server: Server): Set<string> {
  const names = new Set(["localhost", "127.0.0.1", "::1"]);
  const address = server.address();
  if (address && typeof address === "object") names.add(address.address.toLowerCase());
  for (const name of (process.env.LOCAL_HOSTNAMES ?? "").split(",")) {
    if (name.trim()) names.add(name.trim().toLowerCase());
  }
  return names;
}

/** The host name of a `Host` header, without its port or IPv6 brackets. */
export function hostnameOf(host: string): string {
  const bracketed = /^\[([^\]]+)\](?::\d+)?$/.exec(host);
  if (bracketed?.[1]) return bracketed[1].toLowerCase();
  return host.replace(/:\d+$/, "").toLowerCase();
}

/** The local stand-in for API Gateway: every route of the table, each served by its own handler. */
export function createGateway(): Server {
  const server = createServer(async (request, response) => {
    try {
      const host = request.headers.host;
      if (host === undefined || !allowedHostnames(server).has(hostnameOf(host))) {
        send(
          response,
          problemResponse(
            421,
            "misdirected_request",
            "This server does not answer to that Host (set LOCAL_HOSTNAMES to add a name)",
          ),
        );
        return;
      }
      const body = await readBody(request);
      if (body === "too_large") {
        send(response, problemResponse(413, "payload_too_large", "The request is too large"));
        return;
      }
      const path = new URL(request.url ?? "/", "http://localhost").pathname;
      const match = matchRoute(request.method ?? "GET", path);
      const event =
        match.kind === "found"
          ? toLambdaEvent(request, body, {
              routeKey: routeKey(match.route),
              pathParameters: match.pathParameters,
            })
          : toLambdaEvent(request, body, { routeKey: "$default" });
      const handler = await loadHandler(
        match.kind === "found" ? match.route.function.handler : fallbackHandler,
      );
      send(response, await handler(event, { awsRequestId: event.requestContext.requestId }));
    } catch (error) {
      logger.error("gateway failure", { error: error as Error });
      if (!response.headersSent) {
        send(response, problemResponse(502, "bad_gateway", "The function failed"));
      }
    }
  });
  return server;
}
