import { createHash } from "node:crypto";
import { bls12_381 } from "@noble/curves/bls12-381.js";

// drand's `bls-unchained-g1-rfc9380`: signatures on G1 (48 bytes), keys on G2 (96 bytes), the
// message hashed to G1 with RFC 9380's suite and this domain separation tag.
const DST = "BLS_SIG_BLS12381G1_XMD:SHA-256_SSWU_RO_NUL_";
const scheme = bls12_381.shortSignatures;
const HEX = /^(?:[0-9a-f]{2})+$/;

const sha256 = (bytes: Uint8Array) => createHash("sha256").update(bytes).digest();

/** What an unchained round signs: SHA-256 of the round number as 8 big-endian bytes. */
function roundMessage(round: number) {
  const bytes = Buffer.alloc(8);
  bytes.writeBigUInt64BE(BigInt(round));
  return scheme.hash(sha256(bytes), DST);
}

/** Whether `signature` (hex) is the signature of `round` under `publicKey` (hex); never throws. */
export function verifyRoundSignature(round: number, signature: string, publicKey: string): boolean {
  if (!Number.isSafeInteger(round) || round < 1) return false;
  if (!HEX.test(signature) || !HEX.test(publicKey)) return false;
  try {
    return scheme.verify(
      Buffer.from(signature, "hex"),
      roundMessage(round),
      Buffer.from(publicKey, "hex"),
    );
  } catch {
    // A point that does not decode (not on the curve, wrong length) is no signature at all.
    return false;
  }
}

/** A round's randomness, as drand defines it: SHA-256 of the signature's bytes (hex). */
export const randomnessOf = (signature: string) =>
  sha256(Buffer.from(signature, "hex")).toString("hex");

/** Signs `round` with a secret key (hex), as a drand node of this scheme would. */
export const signRound = (round: number, secretKey: string) =>
  scheme.sign(roundMessage(round), Buffer.from(secretKey, "hex")).toHex();

/** The public key (hex, compressed G2) of a secret key (hex). */
export const publicKeyOf = (secretKey: string) =>
  scheme.getPublicKey(Buffer.from(secretKey, "hex")).toHex();

/** A fresh secret key (hex): a uniform scalar of the curve's group. */
export const newSecretKey = () => Buffer.from(bls12_381.utils.randomSecretKey()).toString("hex");
