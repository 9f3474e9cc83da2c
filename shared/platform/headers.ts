import type { RequestHeaderName, ResponseHeaderName } from "../http/route";

interface HeaderDoc {
  description: string;
  schema: { type: "string" | "integer"; minimum?: number; example?: string | number };
  /** Whether every response documented with the header carries it (the tests check those). */
  always: boolean;
}

/** Every response header the document names, described once. */
export const responseHeaderDocs: Record<ResponseHeaderName | ProblemHeaderName, HeaderDoc> = {
  Location: {
    description: "The URL of the resource this request created",
    schema: { type: "string", example: "/v1/raffles/r_01JF7V8S2M4N6P8R0T2V4X6Z8B" },
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
  "WWW-Authenticate": {
    description: "The scheme to authenticate with: `Bearer`",
    schema: { type: "string", example: "Bearer" },
    always: true,
  },
};

/** Headers of error responses, derived from their status rather than declared by routes. */
type ProblemHeaderName = "Retry-After" | "WWW-Authenticate";

/**
 * The headers an error response carries, by its status and codes: `Retry-After` with 429 and
 * 503; `WWW-Authenticate` with `unauthenticated` (a log-in's `invalid_credentials` 401 has no
 * challenge to offer: the client holds no credentials the API could ask for).
 */
export function problemHeaders(status: number, codes: readonly string[]): ProblemHeaderName[] {
  if (status === 401 && codes.includes("unauthenticated")) return ["WWW-Authenticate"];
  if (status === 429 || status === 503) return ["Retry-After"];
  return [];
}

/** Every request header a route may read, described once. */
export const requestHeaderDocs: Record<
  RequestHeaderName,
  { description: string; schema: object; example: string }
> = {
  "Idempotency-Key": {
    description:
      "1–255 visible ASCII characters that name this request: a retry with the same key and body gets the first answer back, and changes nothing",
    schema: { type: "string", minLength: 1, maxLength: 255, pattern: "^[\\x21-\\x7E]+$" },
    example: "3b9d6f1e-posting-42",
  },
  "If-Match": {
    description: "The `ETag` this change was made against; 412 when the resource has changed since",
    schema: { type: "string" },
    example: '"3f2a9c1d"',
  },
  "If-None-Match": {
    description: "An `ETag` the client holds: 304 with no body when it is still current",
    schema: { type: "string" },
    example: '"3f2a9c1d"',
  },
  "Accept-Encoding": {
    description: "`br` or `gzip` get the compressed body",
    schema: { type: "string" },
    example: "br, gzip",
  },
};
