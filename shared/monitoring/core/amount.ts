import { type CentsResult, parseDecimalCents } from "#platform/money/cents";

export { formatCents } from "#platform/money/cents";

/** The largest amount an event may carry: 1,000,000,000,000.00, in cents. */
export const MAX_AMOUNT_CENTS = 100_000_000_000_000;

/**
 * Parses an event amount — a decimal string or a JSON number — into exact integer cents:
 * > 0, at most two decimals, at most 1,000,000,000,000. A number is judged by its shortest
 * round-trip decimal text (what `String(n)` gives), so 42.1 is 4210 cents and 1e-7, 1e21, NaN
 * and Infinity are refused rather than silently rounded.
 */
export function parseAmount(value: string | number): CentsResult {
  return parseDecimalCents(typeof value === "number" ? String(value) : value, MAX_AMOUNT_CENTS);
}
