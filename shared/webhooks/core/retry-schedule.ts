/** How long a delivery is retried after its first attempt: 3 days, then it is `failed`. */
export const RETRY_WINDOW_MS = 3 * 24 * 3600_000;

/** An endpoint with no successful delivery for this long is disabled. */
export const DISABLE_AFTER_MS = 5 * 24 * 3600_000;

/** The reason recorded on an endpoint disabled for failing. */
export const FAILING_REASON = "failing: no successful delivery for 5 days";

// About 5 s, 1 min, 5 min, 30 min, 2 h, then every 5 h (API.md).
const DELAYS_MS = [5_000, 60_000, 300_000, 1_800_000, 7_200_000];
const LAST_DELAY_MS = 5 * 3600_000;

/** How far a delay may move either way, so that failing deliveries do not retry in step. */
export const JITTER = 0.2;

/** The delay before the attempt after failed attempt `attempt` (1-based), jitter aside. */
export const baseDelayMs = (attempt: number) =>
  DELAYS_MS[Math.max(0, attempt - 1)] ?? LAST_DELAY_MS;

/**
 * When to try again after failed attempt `attempt` (1-based) at `now`, for a delivery whose
 * retries started at `firstAt` (epoch ms); undefined when that falls past the 3-day window:
 * the delivery is then `failed`. `random` in [0, 1) picks the jitter.
 */
export function nextAttemptAt(
  attempt: number,
  firstAt: number,
  now: number,
  random: number,
): number | undefined {
  const delay = baseDelayMs(attempt) * (1 - JITTER + 2 * JITTER * random);
  const at = Math.round(now + delay);
  return at > firstAt + RETRY_WINDOW_MS ? undefined : at;
}

/** Whether an endpoint failing since `failingSince` (epoch ms) has failed long enough to disable. */
export const failedTooLong = (failingSince: number, now: number) =>
  now - failingSince >= DISABLE_AFTER_MS;
