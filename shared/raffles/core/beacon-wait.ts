// How a draw waits for its beacon round, pure: draw-raffle.ts asks the beacon and sleeps.

/** The longest a draw waits for its round (API.md): past it, 503 `beacon_unavailable`. */
export const BEACON_WAIT_MS = 15_000;

/** How soon a beacon that is late with a round already due is asked again. */
export const LATE_ROUND_POLL_MS = 500;

/** While the round is not out: pause this long and ask again, or give up with `Retry-After`. */
export type BeaconWaitStep = { pauseMs: number } | { retryAfterSeconds: number };

/**
 * The next step of a draw whose round is `outInMs` from its publication time (0: due, but the
 * beacon has not caught up) with `msLeft` of its wait remaining. A round that cannot be out
 * within the wait is not waited for at all: the caller learns at once when to come back.
 */
export function nextBeaconWait(outInMs: number, msLeft: number): BeaconWaitStep {
  if (outInMs > msLeft) return { retryAfterSeconds: Math.max(1, Math.ceil(outInMs / 1000)) };
  if (outInMs > 0) return { pauseMs: outInMs };
  if (msLeft <= 0) return { retryAfterSeconds: 1 };
  return { pauseMs: Math.min(LATE_ROUND_POLL_MS, msLeft) };
}
