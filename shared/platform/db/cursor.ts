import { DomainError } from "#platform/errors";

/** The 422 for a cursor this list did not hand out. */
export const invalidCursor = () =>
  DomainError.invalid([{ path: "cursor", message: "Invalid cursor" }]);

/** An opaque page cursor from DynamoDB's LastEvaluatedKey; null when the last page was reached. */
export function encodeCursor(lastKey: Record<string, unknown> | undefined): string | null {
  return lastKey ? Buffer.from(JSON.stringify(lastKey), "utf8").toString("base64url") : null;
}

/**
 * Decodes a cursor into an ExclusiveStartKey, accepting only string attributes named in
 * `keyNames` whose partition value is the one being queried: a forged cursor is a 422, never a
 * read of another partition.
 */
export function decodeCursor(
  cursor: string | undefined,
  keyNames: readonly string[],
  partition: { name: string; value: string },
): Record<string, string> | undefined {
  if (cursor === undefined) return undefined;
  const invalid = invalidCursor();
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalid;
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw invalid;
  const entries = Object.entries(parsed);
  const valid =
    entries.length === keyNames.length &&
    entries.every(([name, value]) => keyNames.includes(name) && typeof value === "string") &&
    (parsed as Record<string, unknown>)[partition.name] === partition.value;
  if (!valid) throw invalid;
  return parsed as Record<string, string>;
}
