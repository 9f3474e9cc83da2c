import type { ResponseHeaderName } from "./route";

interface HeaderDoc {
  description: string;
  schema: { type: "string" | "integer"; minimum?: number; example?: string | number };
  /** Whether every response documented with the header carries it (the tests check those). */
  always: boolean;
}

/** Every response header the document names, described once. */
export const responseHeaderDocs: Record<
  ResponseHeaderName | ProblemHeaderName | "X-Request-Id",
  HeaderDoc
> = {
  "X-Request-Id": {
    description: "The id this request is logged under: quote it when reporting a problem",
    schema: { type: "string", example: "c0a8012e-5b7d-4f7e-9d3a-2f1e8b6c4d10" },
    always: true,
  },
  Location: {
    description: "The URL of the resource this request created",
    schema: { type: "string", example: "/v1/raffles/r_5f0c7a2e9b1d4c3a8e6f0b2d4a6c8e0f" },
    always: true,
  },
  ETag: {
    description: "The representation's version; send it back in `If-Match` or `If-None-Match`",
    schema: { type: "string", example: '"3f2a9c1d"' },
    always: true,
  },
  "Cache-Control": {
    description: "How long a client or a cache may keep this response",
    schema: { type: "string", example: "public, max-age=31536000, immutable" },
    always: true,
  },
  "Content-Security-Policy": {
    description: "What the page may load: only this origin's own assets",
    schema: { type: "string" },
    always: true,
  },
  Vary: {
    description: "The request headers the body depends on",
    schema: { type: "string", example: "accept-encoding" },
    always: true,
  },
  "Content-Encoding": {
    description: "`br` or `gzip` when the client accepts it (`Accept-Encoding`); absent otherwise",
    schema: { type: "string", example: "br" },
    always: false,
  },
  "Idempotent-Replayed": {
    description: "`true` when this is the stored answer to an earlier request with the same key",
    schema: { type: "string", example: "true" },
    always: false,
  },
  "Retry-After": {
    description: "Seconds to wait before trying again",
    schema: { type: "integer", minimum: 1, example: 1 },
    always: true,
  },
  "RateLimit-Policy": {
    description:
      "The per-address limit: `q` requests per `w` seconds (IETF rate-limit header fields draft)",
    schema: { type: "string", example: '"register";q=10;w=60' },
    always: false,
  },
  RateLimit: {
    description: "What is left of the limit: `r` requests, reset in `t` seconds",
    schema: { type: "string", example: '"register";r=0;t=42' },
    always: false,
  },
  "WWW-Authenticate": {
    description: "The scheme to authenticate with: `Bearer`",
    schema: { type: "string", example: "Bearer" },
    always: true,
  },
};

/** Headers of error responses, derived from their status rather than declared by routes. */
type ProblemHeaderName = "Retry-After" | "WWW-Authenticate" | "RateLimit-Policy" | "RateLimit";

/**
 * The headers an error response carries, by its status and codes: `Retry-After` with 429 and
 * 503; `WWW-Authenticate` with `unauthenticated` (a log-in's `invalid_credentials` 401 has no
 * challenge to offer: the client holds no credentials the API could ask for).
 */
export function problemHeaders(status: number, codes: readonly string[]): ProblemHeaderName[] {
  if (status === 401 && codes.includes("unauthenticated")) return ["WWW-Authenticate"];
  if (status === 429 && codes.includes("too_many_requests")) {
    return ["Retry-After", "RateLimit-Policy", "RateLimit"];
  }
  if (status === 429 || status === 503) return ["Retry-After"];
  return [];
}
