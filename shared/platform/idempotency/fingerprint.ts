import { createHash } from "node:crypto";

/** JSON with object keys sorted at every depth: equal values give equal text. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value)
      .filter(([, field]) => field !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, field]) => `${JSON.stringify(key)}:${canonicalJson(field)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * The fingerprint of a request for idempotency: SHA-256 of the operation and the canonical
 * JSON of its *validated* input, so `"5"` and `"5.00"`, or reordered fields, are the same request.
 */
export const requestFingerprint = (operation: string, input: unknown) =>
  createHash("sha256")
    .update(`${operation}\n${canonicalJson(input)}`)
    .digest("base64url");
