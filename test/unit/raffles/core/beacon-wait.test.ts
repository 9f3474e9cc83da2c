import { describe, expect, it } from "vitest";
import { BEACON_WAIT_MS, LATE_ROUND_POLL_MS, nextBeaconWait } from "#raffles/core/beacon-wait";

describe("a draw's wait for its beacon round", () => {
  it("waits exactly until the round's time when that is within the wait", () => {
    expect(nextBeaconWait(6_200, BEACON_WAIT_MS)).toEqual({ pauseMs: 6_200 });
    expect(nextBeaconWait(BEACON_WAIT_MS, BEACON_WAIT_MS)).toEqual({ pauseMs: BEACON_WAIT_MS });
  });

  it("does not wait at all for a round out of reach: Retry-After is the time until it", () => {
    expect(nextBeaconWait(15_001, BEACON_WAIT_MS)).toEqual({ retryAfterSeconds: 16 });
    expect(nextBeaconWait(60_000, BEACON_WAIT_MS)).toEqual({ retryAfterSeconds: 60 });
    expect(nextBeaconWait(2_500, 2_000)).toEqual({ retryAfterSeconds: 3 });
  });

  it("asks a late beacon again every half second, never past the wait", () => {
    expect(nextBeaconWait(0, 9_000)).toEqual({ pauseMs: LATE_ROUND_POLL_MS });
    expect(nextBeaconWait(0, 120)).toEqual({ pauseMs: 120 });
    expect(nextBeaconWait(0, 0)).toEqual({ retryAfterSeconds: 1 });
    expect(nextBeaconWait(0, -40)).toEqual({ retryAfterSeconds: 1 });
  });
});
