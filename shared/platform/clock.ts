/**
 * The service's one notion of "now", in epoch milliseconds: every time the code stores or judges
 * (claim times, expiries, commit times, lock-outs, beacon rounds) is read here, never from
 * `Date.now()` or `new Date()`, so that a test can move time (`clock.now = () => t`) instead of
 * waiting for it or faking timers.
 */
export const clock = {
  now: (): number => Date.now(),
};

/** The clock's "now" as stored times are written: ISO 8601 UTC with milliseconds. */
export const nowIso = () => new Date(clock.now()).toISOString();
