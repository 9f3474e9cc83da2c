import type * as z from "zod";
import type { FieldError } from "#platform/errors";

/** Formats a Zod issue path as `prizes[0].quantity`. */
export function formatPath(path: readonly PropertyKey[]): string {
  return path.reduce<string>((text, key) => {
    if (typeof key === "number") return `${text}[${key}]`;
    return text === "" ? String(key) : `${text}.${String(key)}`;
  }, "");
}

/** Every problem Zod found, one entry per field (unknown keys each get their own entry). */
export function fieldErrors(error: z.ZodError, prefix: readonly PropertyKey[] = []): FieldError[] {
  // Zod still runs length checks on a value of the wrong type (`[]` for a string fails
  // "expected array to have >=1 items"): once a field has the wrong type, that is all it says.
  const wrongType = new Set(
    error.issues.filter((issue) => issue.code === "invalid_type").map((i) => formatPath(i.path)),
  );
  return error.issues.flatMap((issue) => {
    if (issue.code !== "invalid_type" && wrongType.has(formatPath(issue.path))) return [];
    const path = [...prefix, ...issue.path];
    if (issue.code === "unrecognized_keys") {
      return issue.keys.map((key) => ({
        path: formatPath([...path, key]),
        message: "Unknown field",
      }));
    }
    return [{ path: formatPath(path), message: issue.message }];
  });
}
