import { createHash } from "node:crypto";
import { DomainError } from "#platform/errors";

/** What a page asks for: how many items, after which cursor (as the db layer's `PageRequest`). */
export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

/** The 422 for a cursor this list did not hand out (as the db layer's `invalidCursor`). */
export const invalidCursor = () =>
  DomainError.invalid([{ path: "cursor", message: "Invalid cursor" }]);

/** Where an item stands in a list read whole and sorted: `[key]` or `[distance, id]`. */
export type Position = readonly (string | number)[];

/** How two positions compare in the list's order (negative: `a` comes first). */
export type Order = (a: Position, b: Position) => number;

const compareParts = (a: string | number, b: string | number) => (a < b ? -1 : a > b ? 1 : 0);

/** Positions compared part by part, ascending; `descending` reverses the whole order. */
export const lexicographic =
  (descending = false): Order =>
  (a, b) => {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const result = compareParts(a[i] ?? "", b[i] ?? "");
      if (result !== 0) return descending ? -result : result;
    }
    return 0;
  };

/** A short digest of what a list asked for: its cursors are refused by any other list. */
export const fingerprint = (query: unknown) =>
  createHash("sha256").update(JSON.stringify(query)).digest("base64url").slice(0, 16);

/** The position after which a page starts; undefined on the first page. Forged: 422. */
export function decodePosition(cursor: string | undefined, list: string): Position | undefined {
  if (cursor === undefined) return undefined;
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  const { q, after } = (parsed ?? {}) as { q?: unknown; after?: unknown };
  const valid =
    q === list &&
    Array.isArray(after) &&
    after.length > 0 &&
    after.every(
      (part) => typeof part === "string" || (typeof part === "number" && Number.isFinite(part)),
    );
  if (!valid) throw invalidCursor();
  return after as Position;
}

const encodePosition = (list: string, after: Position) =>
  Buffer.from(JSON.stringify({ q: list, after }), "utf8").toString("base64url");

/**
 * A page of items already sorted in `order`: those after the cursor's position, and a cursor
 * holding the last one's position when more follow.
 */
export function pageOfSorted<T>(
  sorted: readonly { position: Position; item: T }[],
  page: PageRequest,
  list: string,
  order: Order,
): { items: T[]; next_cursor: string | null } {
  const after = decodePosition(page.cursor, list);
  const rest = after ? sorted.filter(({ position }) => order(position, after) > 0) : sorted;
  const taken = rest.slice(0, page.limit);
  const last = taken.at(-1);
  return {
    items: taken.map(({ item }) => item),
    next_cursor: rest.length > page.limit && last ? encodePosition(list, last.position) : null,
  };
}
