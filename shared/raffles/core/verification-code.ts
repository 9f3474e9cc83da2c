import { randomBytes } from "node:crypto";

/** Crockford's base 32: digits and letters without I, L, O and U, so nothing reads as another. */
const ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
/** 16 symbols of 5 bits: 80 bits from the CSPRNG. */
export const VERIFICATION_CODE_SYMBOLS = 16;
/** Shown in groups of four symbols (global: `match` returns every group, from the start each time). */
const GROUPS = /.{4}/g;

/**
 * A fresh verification code as shown to the player, e.g. `7KQ2-M9XD-PA4T-0RVB` (80 random
 * bits), and its canonical form (no dashes), which is what gets hashed.
 */
export function newVerificationCode(): { code: string; canonical: string } {
  let bits = BigInt(`0x${randomBytes((VERIFICATION_CODE_SYMBOLS * 5) / 8).toString("hex")}`);
  let symbols = "";
  for (let i = 0; i < VERIFICATION_CODE_SYMBOLS; i++) {
    symbols = (ALPHABET[Number(bits & 31n)] as string) + symbols;
    bits >>= 5n;
  }
  const code = symbols.match(GROUPS)?.join("-") ?? symbols;
  return { code, canonical: symbols };
}

/**
 * The canonical form of a code as a person may type it: any case, dashes and spaces anywhere,
 * O read as 0 and I/L as 1 (Crockford's decoding). Undefined when it cannot be a code.
 */
export function normaliseVerificationCode(input: string): string | undefined {
  const canonical = input
    .toUpperCase()
    .replace(/[\s-]/g, "")
    .replace(/O/g, "0")
    .replace(/[IL]/g, "1");
  const valid =
    canonical.length === VERIFICATION_CODE_SYMBOLS &&
    [...canonical].every((symbol) => ALPHABET.includes(symbol));
  return valid ? canonical : undefined;
}
