import { afterAll, beforeAll } from "vitest";
import { beaconClock } from "#raffles/beacon/beacon";

const realNow = beaconClock.now;

/** Moves the beacons' clock to `at` (epoch ms, or a function of the real time); returns the undo. */
export function setBeaconClock(at: number | ((now: number) => number)) {
  const previous = beaconClock.now;
  beaconClock.now = typeof at === "number" ? () => at : () => at(realNow());
  return () => {
    beaconClock.now = previous;
  };
}

/**
 * For this file's tests, the beacons' clock runs a minute ahead: the round a draw waits for is
 * already out, so draws do not wait real seconds.
 */
export function useBeaconClockAhead(ms = 60_000) {
  let undo: (() => void) | undefined;
  beforeAll(() => {
    undo = setBeaconClock((now) => now + ms);
  });
  afterAll(() => undo?.());
}
