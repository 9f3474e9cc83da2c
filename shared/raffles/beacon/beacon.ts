import type { BeaconInfo, VerifiedRound } from "#raffles/core/beacon-round";
import { roundTimeMs } from "#raffles/core/beacon-schedule";

/**
 * The time the beacon network has reached (epoch milliseconds): whether a round is out yet. In
 * production it is the real time, like the platform clock; it is kept apart from that clock
 * because tests run the two apart: claims stamped at one time, the beacon's rounds out at
 * another, so that a draw neither waits real seconds nor finds its round early.
 */
export const beaconClock = {
  now: (): number => Date.now(),
};

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
