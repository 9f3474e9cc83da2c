/** The outcome of reading a decimal amount: integer cents, or why the text is not an amount. */
export type CentsResult = { ok: true; cents: number } | { ok: false; message: string };

// Plain decimal text only: no sign, no exponent, no surrounding space, at most two decimals.
const DECIMAL = /^(\d+)(?:\.(\d{1,2}))?$/;

/**
 * Reads decimal text (`"12.50"`, `"7"`) as exact integer cents: > 0, at most two decimals, at
 * most `maxCents`. Text longer than any valid amount (with slack for leading zeros) is refused
 * before BigInt sees it, so a 64 KiB string costs nothing.
 */
export function parseDecimalCents(text: string, maxCents: number): CentsResult {
  if (text.length > String(maxCents).length + 16) {
    return { ok: false, message: "Amount is too large" };
  }
  const match = DECIMAL.exec(text);
  if (!match) {
    return {
      ok: false,
      message: "Amount must be a positive decimal with at most two decimals, e.g. 42.00",
    };
  }
  const cents = BigInt(match[1] as string) * 100n + BigInt((match[2] ?? "").padEnd(2, "0"));
  if (cents <= 0n) return { ok: false, message: "Amount must be greater than zero" };
  if (cents > BigInt(maxCents)) {
    return { ok: false, message: `Amount must be at most ${formatCents(maxCents)}` };
  }
  return { ok: true, cents: Number(cents) };
}

/** Integer cents as the API's decimal text: 4210 → "42.10" (exact for any bigint). */
export function formatCents(cents: number | bigint): string {
  const value = BigInt(cents);
  const magnitude = value < 0n ? -value : value;
  const sign = value < 0n ? "-" : "";
  return `${sign}${magnitude / 100n}.${String(magnitude % 100n).padStart(2, "0")}`;
}
