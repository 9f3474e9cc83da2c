/** When a beacon publishes its rounds: round 1 at `genesisTime`, then one every period. */
export interface BeaconSchedule {
  /** Unix seconds of round 1. */
  genesisTime: number;
  periodSeconds: number;
}

/** When round `round` is published, in epoch milliseconds. */
export const roundTimeMs = (schedule: BeaconSchedule, round: number) =>
  (schedule.genesisTime + (round - 1) * schedule.periodSeconds) * 1000;

/** The first round published at or after `epochMs`. */
export function firstRoundAtOrAfter(schedule: BeaconSchedule, epochMs: number): number {
  const periods = Math.ceil(
    (epochMs - schedule.genesisTime * 1000) / (schedule.periodSeconds * 1000),
  );
  return Math.max(1, periods + 1);
}
