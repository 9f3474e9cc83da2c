/**
 * The beacons' notion of "now" (epoch milliseconds): whether a round is out yet. Tests move it
 * forward instead of waiting for a real round.
 */
export const beaconClock = {
  now: (): number => Date.now(),
};
