/** How many log-in attempts for one email a window allows, and how long a window lasts. */
export const LOG_IN_LIMIT = { attempts: 10, windowMs: 15 * 60_000 };

/** A fixed window of log-in attempts for one email, opened by its first attempt. */
export interface AttemptWindow {
  startedAtMs: number;
  attempts: number;
}

/** Whether the window still counts at `nowMs` (else the next attempt opens a new one). */
export const isWindowOpen = (window: AttemptWindow | undefined, nowMs: number) =>
  window !== undefined && nowMs < window.startedAtMs + LOG_IN_LIMIT.windowMs;

/** Milliseconds until log-in opens again for this window; 0 when an attempt may go ahead. */
export function lockedForMs(window: AttemptWindow | undefined, nowMs: number): number {
  if (!window || window.attempts < LOG_IN_LIMIT.attempts) return 0;
  // A window that has closed leaves nothing (or less) to wait.
  return Math.max(0, window.startedAtMs + LOG_IN_LIMIT.windowMs - nowMs);
}
