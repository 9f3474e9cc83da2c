import type { BeaconSchedule } from "./beacon-schedule";
import { randomnessOf, verifyRoundSignature } from "./bls";

/** Which randomness beacon this is, and everything a verifier needs to check its rounds. */
export interface BeaconInfo extends BeaconSchedule {
  /** `drand-quicknet`, or `local` (a key of this installation, for development and tests). */
  network: string;
  /** drand's chain hash; null for the local beacon. */
  chainHash: string | null;
  /** The BLS12-381 public key (hex) that signs every round. */
  publicKey: string;
  scheme: string;
}

/** The beacon as the API describes it (snake_case), as recorded on a draw and shown by the audit. */
export const beaconDescription = (info: BeaconInfo) => ({
  network: info.network,
  chain_hash: info.chainHash,
  public_key: info.publicKey,
  scheme: info.scheme,
  genesis_time: info.genesisTime,
  period_seconds: info.periodSeconds,
});

/** A round whose signature has been checked against the beacon's public key. */
export interface VerifiedRound {
  round: number;
  /** The BLS signature of the round (hex). */
  signature: string;
  /** SHA-256 of the signature (hex): the round's random value. */
  randomness: string;
}

/**
 * The round with its signature checked against `publicKey`; undefined if the signature does not
 * verify. Every round a beacon hands out goes through here: an unverified round is never used.
 */
export function verifiedRound(
  round: number,
  signature: string,
  publicKey: string,
): VerifiedRound | undefined {
  const normalised = signature.toLowerCase();
  if (!verifyRoundSignature(round, normalised, publicKey)) return undefined;
  return { round, signature: normalised, randomness: randomnessOf(normalised) };
}
