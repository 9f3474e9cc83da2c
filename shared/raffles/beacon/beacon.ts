import { randomnessOf, verifyRoundSignature } from "./bls";
import { beaconClock } from "./clock";
import { type BeaconSchedule, roundTimeMs } from "./schedule";

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

/** A source of signed rounds. */
export interface Beacon {
  readonly info: BeaconInfo;
  /** The round, verified; undefined while it is not published yet. Throws when unreachable. */
  round(round: number): Promise<VerifiedRound | undefined>;
}

/** The beacon could not be reached, or only answered with rounds that failed verification. */
export class BeaconUnavailableError extends Error {
  constructor(readonly reason: string) {
    super(`The randomness beacon is unavailable: ${reason}`);
    this.name = "BeaconUnavailableError";
  }
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

/** Why a round cannot be had yet, and when to ask again. */
interface PendingRound {
  pending: true;
  retryAfterSeconds: number;
}

/**
 * Round `round` of `beacon`, or when to ask again: before its publication time no request is
 * made; after it, a beacon that has not caught up yet is asked again a second later.
 */
export async function fetchRound(
  beacon: Beacon,
  round: number,
): Promise<VerifiedRound | PendingRound> {
  const wait = roundTimeMs(beacon.info, round) - beaconClock.now();
  if (wait > 0) return { pending: true, retryAfterSeconds: Math.ceil(wait / 1000) };
  return (await beacon.round(round)) ?? { pending: true, retryAfterSeconds: 1 };
}
