/** The largest amount an event may carry: 1,000,000,000,000.00, in cents. */
export const MAX_AMOUNT_CENTS = 100_000_000_000_000;

type AmountResult = { ok: true; cents: number } | { ok: false; message: string };

// Plain decimal text only: no sign, no exponent, no surrounding space, at most two decimals.
const DECIMAL = /^(\d+)(?:\.(\d{1,2}))?$/;
// Longer text cannot be a valid amount (13 integer digits + "." + 2 decimals, plus slack for
// leading zeros); refusing it early keeps BigInt away from a 64 KiB string.
const MAX_TEXT_LENGTH = 32;

/**
 * Parses an event amount — a decimal string or a JSON number — into exact integer cents:
 * > 0, at most two decimals, at most 1,000,000,000,000. A number is judged by its shortest
 * round-trip decimal text (what `String(n)` gives), so 42.1 is 4210 cents and 1e-7, 1e21, NaN
 * and Infinity are refused rather than silently rounded.
 */
export function parseAmount(value: string | number): AmountResult {
  const text = typeof value === "number" ? String(value) : value;
  if (text.length > MAX_TEXT_LENGTH) return { ok: false, message: "Amount is too large" };
  const match = DECIMAL.exec(text);
  if (!match) {
    return {
      ok: false,
      message: "Amount must be a positive decimal with at most two decimals, e.g. 42.00",
    };
  }
  const cents = BigInt(match[1] as string) * 100n + BigInt((match[2] ?? "").padEnd(2, "0"));
  if (cents <= 0n) return { ok: false, message: "Amount must be greater than zero" };
  if (cents > BigInt(MAX_AMOUNT_CENTS)) {
    return { ok: false, message: "Amount must be at most 1000000000000" };
  }
  return { ok: true, cents: Number(cents) };
}

/** Integer cents as the API's decimal text: 4210 → "42.10". */
export function formatCents(cents: number): string {
  const whole = Math.trunc(cents / 100);
  return `${whole}.${String(cents % 100).padStart(2, "0")}`;
}
