import { describe, expect, it } from "vitest";
import { verifiedRound } from "#raffles/core/beacon-round";
import { roundTimeMs } from "#raffles/core/beacon-schedule";
import {
  newSecretKey,
  publicKeyOf,
  randomnessOf,
  signRound,
  verifyRoundSignature,
} from "#raffles/core/bls";
import { QUICKNET } from "#raffles/core/quicknet";
import { quicknetRounds } from "../../../fixtures/quicknet-rounds";

/** The hex string with one bit of its byte `index` flipped. */
function flipBit(hex: string, index: number, bit = 0) {
  const bytes = Buffer.from(hex, "hex");
  bytes[index] = (bytes[index] as number) ^ (1 << bit);
  return bytes.toString("hex");
}

describe("quicknet's published rounds", () => {
  it.each(quicknetRounds)(
    "round $round verifies with the pinned key",
    ({ round, signature, randomness }) => {
      expect(verifyRoundSignature(round, signature, QUICKNET.publicKey)).toBe(true);
      expect(randomnessOf(signature)).toBe(randomness);
      expect(verifiedRound(round, signature.toUpperCase(), QUICKNET.publicKey)).toEqual({
        round,
        signature,
        randomness,
      });
    },
  );

  it.each(quicknetRounds)(
    "round $round fails with a bit flipped in its signature, its round or the key",
    ({ round, signature }) => {
      // A bit in the first byte, one in the middle, the last: flags, x coordinate, low bits.
      for (const [index, bit] of [
        [0, 0],
        [0, 5],
        [24, 3],
        [47, 0],
        [47, 7],
      ] as const) {
        expect(
          verifyRoundSignature(round, flipBit(signature, index, bit), QUICKNET.publicKey),
        ).toBe(false);
      }
      expect(verifyRoundSignature(round ^ 1, signature, QUICKNET.publicKey)).toBe(false);
      expect(verifyRoundSignature(round + 2, signature, QUICKNET.publicKey)).toBe(false);
      for (const index of [0, 40, 95]) {
        expect(verifyRoundSignature(round, signature, flipBit(QUICKNET.publicKey, index))).toBe(
          false,
        );
      }
      expect(verifiedRound(round, flipBit(signature, 30), QUICKNET.publicKey)).toBeUndefined();
    },
  );

  it("a signature of the same round by another key does not verify with the pinned key", () => {
    const other = newSecretKey();
    const forged = signRound(3, other);
    expect(verifyRoundSignature(3, forged, publicKeyOf(other))).toBe(true);
    expect(verifyRoundSignature(3, forged, QUICKNET.publicKey)).toBe(false);
  });

  it.each([
    ["an empty signature", 1, ""],
    ["a truncated signature", 1, quicknetRounds[0].signature.slice(0, 94)],
    ["a signature of the wrong length", 1, `${quicknetRounds[0].signature}00`],
    ["non-hex text", 1, "zz".repeat(48)],
    ["round 0", 0, quicknetRounds[0].signature],
    ["a negative round", -1, quicknetRounds[0].signature],
    ["a fractional round", 1.5, quicknetRounds[0].signature],
  ])("refuses %s without throwing", (_, round, signature) => {
    expect(verifyRoundSignature(round, signature, QUICKNET.publicKey)).toBe(false);
  });

  it("publishes round 1 at genesis and one round every 3 seconds", () => {
    expect(roundTimeMs(QUICKNET, 1)).toBe(QUICKNET.genesisTime * 1000);
    expect(roundTimeMs(QUICKNET, 30662982) - roundTimeMs(QUICKNET, 30662981)).toBe(3000);
  });
});
