// The draw's randomness: a stream of uniform integers from a secret seed (HMAC-SHA-256 in
// counter mode) and the unbiased sampling of distinct tickets from it. Part of the published
// draw algorithm (draw-algorithm.ts): changing a line here changes every past draw's winners.
import { createHmac } from "node:crypto";
import type { Prize, Winner } from "#raffles/core/prizes";

/**
 * A deterministic stream of uniform 32-bit integers from a secret seed (HMAC-SHA-256 in counter
 * mode): the draw's randomness comes from the seed alone, so a resumed draw repeats it exactly.
 */
export function seededUint32Stream(seed: Uint8Array): () => number {
  let counter = 0;
  let block = Buffer.alloc(0);
  let offset = 0;
  return () => {
    if (offset >= block.length) {
      const input = Buffer.alloc(8);
      input.writeBigUInt64BE(BigInt(counter++));
      block = createHmac("sha256", seed).update(input).digest();
      offset = 0;
    }
    const value = block.readUInt32BE(offset);
    offset += 4;
    return value;
  };
}

/** A uniform integer in [0, bound) by rejection sampling (no modulo bias). */
export function uniformBelow(next: () => number, bound: number): number {
  if (!Number.isInteger(bound) || bound < 1 || bound > 2 ** 32) {
    throw new RangeError(`Bound out of range: ${bound}`);
  }
  const limit = 2 ** 32 - (2 ** 32 % bound);
  for (;;) {
    const value = next();
    if (value < limit) return value % bound;
  }
}

/**
 * `count` distinct values of 0..size-1 in a uniformly random order: a Fisher–Yates shuffle that
 * stops after `count` steps and keeps only the swapped positions, so time and memory are
 * O(count) whatever `size` is.
 */
export function sampleDistinct(next: () => number, size: number, count: number): number[] {
  if (count > size) throw new RangeError("Cannot pick more distinct values than exist");
  const swapped = new Map<number, number>();
  const picks: number[] = [];
  for (let i = 0; i < count; i++) {
    const j = i + uniformBelow(next, size - i);
    picks.push(swapped.get(j) ?? j);
    swapped.set(j, swapped.get(i) ?? i);
  }
  return picks;
}

/**
 * The winners of a raffle from its draw seed: prize units in creation order, unit j to the
 * j-th ticket drawn. Tickets are drawn directly from 1..N: every ticket is claimed before a
 * draw, so a uniform ticket is a uniform claimant.
 */
export function drawWinners(
  seed: Uint8Array,
  totalTickets: number,
  prizes: readonly Prize[],
): Winner[] {
  const units = prizes.flatMap((prize) => Array<string>(prize.quantity).fill(prize.name));
  const tickets = sampleDistinct(seededUint32Stream(seed), totalTickets, units.length);
  return units.map((prize, j) => ({ prize, ticket_number: (tickets[j] as number) + 1 }));
}
