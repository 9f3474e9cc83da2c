import { createHash } from "node:crypto";

/** The normalised form filters compare: trimmed, inner spaces collapsed, lower-cased (NFKC). */
export const normaliseValue = (value: string) =>
  value.normalize("NFKC").trim().replace(/\s+/g, " ").toLowerCase();

/** A fixed-length key part for a free-text value: its normal form, hashed. */
export const valueKey = (value: string) =>
  createHash("sha256").update(normaliseValue(value), "utf8").digest("base64url").slice(0, 22);

/**
 * An order key: a time (or distance) and the id that breaks ties, joined by the table's one
 * separator `#` (as `key()` of the db layer joins parts), so that string order is list order.
 */
export const orderKey = (first: string, id: string) => `${first}#${id}`;
