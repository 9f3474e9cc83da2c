import { STATUS_CODES } from "node:http";
import type { APIGatewayProxyStructuredResultV2 } from "aws-lambda";
import type { FieldError } from "#platform/errors";

interface ProblemOptions {
  headers?: Record<string, string>;
  errors?: FieldError[];
}

/** An error that reaches the client as an RFC 9457 problem with a stable `code`. */
export class HttpError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly detail: string,
    readonly options: ProblemOptions = {},
  ) {
    super(detail);
    this.name = "HttpError";
  }
}

/** Builds an `application/problem+json` response. */
export function problemResponse(
  status: number,
  code: string,
  detail: string,
  { headers, errors }: ProblemOptions = {},
): APIGatewayProxyStructuredResultV2 {
  const body = {
    type: "about:blank",
    title: STATUS_CODES[status] ?? "Error",
    status,
    code,
    detail,
    ...(errors ? { errors } : {}),
  };
  return {
    statusCode: status,
    headers: { "content-type": "application/problem+json", ...headers },
    body: JSON.stringify(body),
  };
}

/** Factories for the errors every domain raises. */
export const problems = {
  invalidJson: (detail = "The request body is not a JSON object") =>
    new HttpError(400, "invalid_json", detail),
  validation: (errors: FieldError[]) =>
    new HttpError(422, "validation_failed", "The request breaks the schema", { errors }),
  unauthenticated: (detail = "A valid bearer token is required") =>
    new HttpError(401, "unauthenticated", detail, { headers: { "www-authenticate": "Bearer" } }),
  forbidden: (detail = "You may not do this", code = "forbidden") =>
    new HttpError(403, code, detail),
  notFound: (thing: string, detail = `No such ${thing.replaceAll("_", " ")}`) =>
    new HttpError(404, `${thing}_not_found`, detail),
  conflict: (code: string, detail: string) => new HttpError(409, code, detail),
  unsupportedMediaType: () =>
    new HttpError(
      415,
      "unsupported_media_type",
      "A request body must be sent as Content-Type: application/json",
    ),
  payloadTooLarge: (limit: number) =>
    new HttpError(413, "payload_too_large", `The request body exceeds ${limit} bytes`),
  tooManyRequests: (retryAfterSeconds: number, detail = "Too many requests; try again later") =>
    new HttpError(429, "too_many_requests", detail, {
      headers: { "retry-after": String(Math.max(1, Math.ceil(retryAfterSeconds))) },
    }),
  unavailable: (retryAfterSeconds = 1) =>
    new HttpError(503, "unavailable", "The service is busy; try again shortly", {
      headers: { "retry-after": String(retryAfterSeconds) },
    }),
};
