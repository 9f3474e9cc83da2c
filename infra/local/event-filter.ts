import type { FilterPattern } from "#platform/function-definitions";

/**
 * Whether a value matches a pattern as Lambda's event filtering judges it: every field the
 * pattern names must be present and match; a list of values matches any of them (and a list
 * in the event matches if any element does). Only exact values are supported: the runner
 * refuses a content-filter operator (prefix, exists, …) rather than judge it differently.
 */
export function matchesPattern(pattern: FilterPattern, value: unknown): boolean {
  if (typeof value !== "object" || value === null) return false;
  return Object.entries(pattern).every(([field, rule]) => {
    const actual = (value as Record<string, unknown>)[field];
    if (!Array.isArray(rule)) return matchesPattern(rule as FilterPattern, actual);
    for (const allowed of rule) {
      if (typeof allowed === "object") {
        throw new Error(
          `The local stream runner supports exact values only, not ${JSON.stringify(allowed)}`,
        );
      }
    }
    const candidates = Array.isArray(actual) ? actual : [actual];
    return candidates.some((candidate) => rule.includes(candidate as string | number));
  });
}

/** Whether a record passes a function's filters (no filters: every record does). */
export const passesFilters = (patterns: readonly FilterPattern[], record: unknown) =>
  patterns.length === 0 || patterns.some((pattern) => matchesPattern(pattern, record));
