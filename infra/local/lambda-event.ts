import { randomUUID } from "node:crypto";
import type { APIGatewayProxyEventV2 } from "aws-lambda";

const TEXT_TYPES =
  /^(text\/|application\/([\w.+-]*\+)?(json|xml|x-www-form-urlencoded|javascript))/i;

/** An HTTP request as the gateway received it. */
export interface ReceivedRequest {
  method: string;
  /** Path and query string, e.g. `/v1/raffles?limit=5`. */
  url: string;
  /** Header names lower-cased; repeated headers joined with commas. */
  headers: Record<string, string>;
  body: Buffer;
  /** The connection's remote address. */
  sourceIp: string;
  protocol?: string;
}

/**
 * The API Gateway HTTP API payload 2.0 event Lambda would receive for a request: repeated query
 * values joined with commas, cookies split out, binary bodies base64-encoded.
 */
export function lambdaEventOf(
  request: ReceivedRequest,
  route: { routeKey: string; pathParameters?: Record<string, string> },
): APIGatewayProxyEventV2 {
  const url = new URL(request.url, "http://localhost");
  const { headers, body } = request;
  const query: Record<string, string> = {};
  for (const [name, value] of url.searchParams) {
    query[name] = name in query ? `${query[name]},${value}` : value;
  }
  const cookies = headers.cookie?.split(/;\s*/).filter(Boolean);
  const isText = TEXT_TYPES.test(headers["content-type"] ?? "text/plain");
  const host = headers.host ?? "localhost";
  const now = new Date();
  return {
    version: "2.0",
    routeKey: route.routeKey,
    rawPath: url.pathname,
    rawQueryString: url.search.slice(1),
    ...(cookies?.length ? { cookies } : {}),
    headers,
    ...(url.search ? { queryStringParameters: query } : {}),
    ...(route.pathParameters && Object.keys(route.pathParameters).length > 0
      ? { pathParameters: route.pathParameters }
      : {}),
    requestContext: {
      accountId: "000000000000",
      apiId: "local",
      domainName: host,
      domainPrefix: host.split(".")[0] ?? host,
      http: {
        method: request.method,
        path: url.pathname,
        protocol: request.protocol ?? "HTTP/1.1",
        sourceIp: request.sourceIp,
        userAgent: headers["user-agent"] ?? "",
      },
      requestId: randomUUID(),
      routeKey: route.routeKey,
      stage: "$default",
      time: now.toISOString(),
      timeEpoch: now.getTime(),
    },
    ...(body.length > 0
      ? { body: body.toString(isText ? "utf8" : "base64"), isBase64Encoded: !isText }
      : { isBase64Encoded: false }),
  };
}
