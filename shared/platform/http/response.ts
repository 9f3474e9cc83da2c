import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";

export type HttpResult = APIGatewayProxyStructuredResultV2;

/** A JSON response with the given status. */
export function json(
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResult {
  return {
    statusCode,
    headers: { "content-type": "application/json", ...headers },
    body: JSON.stringify(body),
  };
}

/** 200 with a JSON body. */
export const ok = (body: unknown): HttpResult => json(200, body);

/** 201 with a JSON body and the new resource's `Location`. */
export const created = (body: unknown, location?: string): HttpResult =>
  json(201, body, location ? { location } : {});

/** 204 with no body. */
export const noContent = (): HttpResult => ({ statusCode: 204 });

/** A body of bytes, base64 as Lambda's proxy integration carries them. */
export const bytes = (statusCode: number, body: Buffer, headers: Record<string, string>) => ({
  statusCode,
  headers,
  body: body.toString("base64"),
  isBase64Encoded: true,
});

/** 304: the representation the client holds (its `If-None-Match`) is current. */
export const notModified = (headers: Record<string, string>): HttpResult => ({
  statusCode: 304,
  headers,
});

/** Whether an `If-None-Match` header names this ETag (or `*`). */
export const matchesEtag = (ifNoneMatch: string | undefined, etag: string) =>
  ifNoneMatch?.split(",").some((tag) => ["*", etag, `W/${etag}`].includes(tag.trim())) ?? false;

/** Browsers reach the API over HTTPS only, for a year, subdomains included (no downgrade). */
export const STRICT_TRANSPORT_SECURITY = "max-age=31536000; includeSubDomains";

/**
 * Adds what every response carries: `x-request-id` (the id our logs are labelled with, so a
 * user's report can be found), `nosniff`, `Strict-Transport-Security`, and
 * `Cache-Control: no-store` unless the route chose its own caching (responses carry tokens,
 * verification codes and account data).
 */
export function withStandardHeaders(result: HttpResult, requestId: string): HttpResult {
  return {
    ...result,
    headers: {
      "cache-control": "no-store",
      ...result.headers,
      "x-content-type-options": "nosniff",
      "strict-transport-security": STRICT_TRANSPORT_SECURITY,
      "x-request-id": requestId,
    },
  };
}
