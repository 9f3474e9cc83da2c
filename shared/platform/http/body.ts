import type { APIGatewayProxyEventV2 } from "aws-lambda";
import { problems } from "./problem";

/** The largest request body any route accepts. */
export const MAX_BODY_BYTES = 64 * 1024;

/**
 * The deepest nesting of objects and arrays a body may have. No schema of ours goes past a
 * handful; a merge patch nested ~10,800 deep overflowed the stack of the recursive merge (a 500).
 */
export const MAX_BODY_DEPTH = 32;

/** Whether `value` nests objects or arrays deeper than `limit` (iteratively: no recursion). */
export function nestsDeeperThan(value: unknown, limit: number): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  while (stack.length > 0) {
    const [next, depth] = stack.pop() as [unknown, number];
    if (typeof next !== "object" || next === null) continue;
    if (depth + 1 > limit) return true;
    for (const child of Object.values(next)) stack.push([child, depth + 1]);
  }
  return false;
}

/** `application/json` or any `application/…+json`, with or without parameters. */
const JSON_MEDIA_TYPE = /^application\/([\w.-]+\+)?json\s*(;|$)/i;

/**
 * The request body as a JSON object: 413 when too large, 415 when it does not say it is JSON
 * (a cross-site HTML form cannot send that type without a CORS preflight, which we never grant),
 * 400 when not a JSON object.
 */
export function parseJsonObject(
  event: Pick<APIGatewayProxyEventV2, "body" | "isBase64Encoded" | "headers">,
) {
  const raw = event.body ?? "";
  const bytes = event.isBase64Encoded ? Buffer.from(raw, "base64") : Buffer.from(raw, "utf8");
  if (bytes.length > MAX_BODY_BYTES) throw problems.payloadTooLarge(MAX_BODY_BYTES);
  if (bytes.length === 0) throw problems.invalidJson("The request body is empty");
  if (!JSON_MEDIA_TYPE.test(event.headers?.["content-type"] ?? "")) {
    throw problems.unsupportedMediaType();
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(bytes.toString("utf8"));
  } catch {
    throw problems.invalidJson("The request body is not valid JSON");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) {
    throw problems.invalidJson("The request body must be a JSON object");
  }
  if (nestsDeeperThan(parsed, MAX_BODY_DEPTH)) {
    throw problems.validation([
      { path: "", message: `The body nests objects or arrays more than ${MAX_BODY_DEPTH} deep` },
    ]);
  }
  return parsed as Record<string, unknown>;
}
