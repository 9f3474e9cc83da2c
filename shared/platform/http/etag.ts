import * as z from "zod";
import { HttpError } from "./problem";

/** A strong entity tag for a stored version of a resource: `"v3"`. */
export const etagOf = (version: number) => `"v${version}"`;

/** What an `If-Match` header asks for: any current representation, or one of these tags. */
export type IfMatch = { any: true } | { any: false; tags: string[] };

// entity-tag = [ "W/" ] DQUOTE *etagc DQUOTE, etagc = %x21 / %x23-7E / obs-text (RFC 9110 §8.8.3)
const ENTITY_TAG = /^(W\/)?"[\x21\x23-\x7e\x80-\xff]*"$/;

/**
 * Parses `If-Match` (RFC 9110 §13.1.1): `*`, or a comma-separated list of entity tags (weak ones
 * are kept with their `W/`, so that they never match). Undefined when the value is malformed.
 */
export function parseIfMatch(value: string): IfMatch | undefined {
  const trimmed = value.trim();
  if (trimmed === "*") return { any: true };
  // A list may have empty elements (`"a", , "b"`); it must have at least one tag.
  const tags = trimmed
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "");
  if (tags.length === 0 || !tags.every((tag) => ENTITY_TAG.test(tag))) return undefined;
  return { any: false, tags };
}

/**
 * Whether `If-Match` holds for a resource whose current tag is `current`: `*` matches any
 * current representation; a list matches by strong comparison, so a weak tag never does.
 * No header always holds.
 */
export function ifMatchHolds(ifMatch: IfMatch | undefined, current: string): boolean {
  if (!ifMatch || ifMatch.any) return true;
  return ifMatch.tags.includes(current);
}

/** The `If-Match` request header of a route's `headers` schema: parsed, a 422 when malformed. */
export const ifMatchHeader = z
  .string()
  .transform((value, context) => {
    const parsed = parseIfMatch(value);
    if (parsed) return parsed;
    context.issues.push({
      code: "custom",
      message: 'Must be * or a list of entity tags such as "v3"',
      input: value,
    });
    return z.NEVER;
  })
  .optional()
  .meta({ description: "Only act if the resource's current ETag is one of these (or `*`)" });

/** 412 `precondition_failed`: the resource's ETag is not one the request named in `If-Match`. */
export const preconditionFailed = () =>
  new HttpError(
    412,
    "precondition_failed",
    "The resource has changed: its ETag is not one named in If-Match",
  );
