import type { AttemptWindow } from "#accounts/core/login-window";
import { timeToLive } from "#platform/db/table-definition";
import { accountKeys } from "./keys";

/** The stored counter of a new window of log-in attempts for an email, with its first attempt. */
export const toLoginThrottleItem = (
  email: string,
  window: AttemptWindow,
  attemptIds: Set<string>,
  expiresAtMs: number,
) => ({
  ...accountKeys.loginThrottle(email),
  type: "login_throttle",
  window_started_at: window.startedAtMs,
  attempts: window.attempts,
  attempt_ids: attemptIds,
  ...timeToLive(expiresAtMs),
});

/** The window held by a stored counter; undefined when there is none. */
export function fromLoginThrottleItem(
  item: Record<string, unknown> | undefined,
): AttemptWindow | undefined {
  if (!item) return undefined;
  return { startedAtMs: item.window_started_at as number, attempts: item.attempts as number };
}
