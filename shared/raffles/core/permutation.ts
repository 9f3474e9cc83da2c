import { createHmac } from "node:crypto";

/**
 * Six rounds: Luby–Rackoff needs four for a strong pseudorandom permutation; two more cost
 * microseconds and leave a margin for the small half-widths of small raffles.
 */
const ROUNDS = 6;
/** Slots are plain JavaScript numbers handled with 32-bit operators. */
const MAX_DOMAIN_BITS = 30;

/** A secret bijection of 0..size-1 onto itself, and its inverse. */
export interface Permutation {
  readonly size: number;
  apply(slot: number): number;
  invert(value: number): number;
}

/**
 * A keyed Feistel network over the smallest even-bit domain that holds `size`, shrunk to
 * 0..size-1 by cycle-walking (re-applying until the value falls inside; the domain is less
 * than four times `size`, so fewer than four walks are expected). Pure: the same key and size
 * always give the same permutation, so it needs no storage beyond the key.
 */
export function createPermutation(key: Uint8Array, size: number): Permutation {
  if (!Number.isSafeInteger(size) || size < 1 || size > 2 ** MAX_DOMAIN_BITS) {
    throw new RangeError(`Permutation size out of range: ${size}`);
  }
  if (key.length < 16) throw new RangeError("A permutation key needs at least 128 bits");
  let bits = Math.max(2, Math.ceil(Math.log2(size)));
  if (bits % 2 === 1) bits++;
  const half = bits / 2;
  const mask = 2 ** half - 1;
  const input = Buffer.alloc(5);

  const round = (index: number, value: number) => {
    input.writeUInt8(index, 0);
    input.writeUInt32BE(value, 1);
    return createHmac("sha256", key).update(input).digest().readUInt32BE(0) & mask;
  };
  const encrypt = (x: number) => {
    let left = x >>> half;
    let right = x & mask;
    for (let i = 0; i < ROUNDS; i++) [left, right] = [right, left ^ round(i, right)];
    return left * 2 ** half + right;
  };
  const decrypt = (y: number) => {
    let left = Math.floor(y / 2 ** half);
    let right = y & mask;
    for (let i = ROUNDS - 1; i >= 0; i--) [left, right] = [right ^ round(i, left), left];
    return left * 2 ** half + right;
  };
  const walk = (start: number, step: (x: number) => number) => {
    if (!Number.isInteger(start) || start < 0 || start >= size) {
      throw new RangeError(`Slot out of range: ${start}`);
    }
    let value = step(start);
    while (value >= size) value = step(value);
    return value;
  };

  return {
    size,
    apply: (slot) => walk(slot, encrypt),
    invert: (value) => walk(value, decrypt),
  };
}
