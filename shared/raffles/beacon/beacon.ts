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

/**
 * A round that cannot be had yet: `outInMs` until its publication time by the beacon's clock
 * (0 when that time has come but the beacon has not caught up with it yet).
 */
interface PendingRound {
  pending: true;
  outInMs: number;
}

/**
 * Round `round` of `beacon`, or how far it is: before its publication time no request is made;
 * after it, a beacon that has not caught up yet answers pending with `outInMs` 0.
 */
export async function fetchRound(
  beacon: Beacon,
  round: number,
): Promise<VerifiedRound | PendingRound> {
  const wait = roundTimeMs(beacon.info, round) - beaconClock.now();
  if (wait > 0) return { pending: true, outInMs: wait };
  return (await beacon.round(round)) ?? { pending: true, outInMs: 0 };
}
