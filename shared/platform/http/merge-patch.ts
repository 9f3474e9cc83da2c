const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/**
 * Applies a JSON merge patch (RFC 7396) to a JSON value: objects merge key by key, `null`
 * removes a key, anything else replaces. The result is built with own properties only, so a
 * `__proto__` key in the patch stays data. Its recursion is bounded by the body's depth bound
 * (`MAX_BODY_DEPTH`, checked when the body is parsed: 422 beyond).
 */
export function applyMergePatch(target: unknown, patch: unknown): unknown {
  if (!isObject(patch)) return patch;
  const merged = new Map(Object.entries(isObject(target) ? target : {}));
  for (const [key, value] of Object.entries(patch)) {
    if (value === null) merged.delete(key);
    else merged.set(key, applyMergePatch(merged.get(key), value));
  }
  return Object.fromEntries(merged);
}
