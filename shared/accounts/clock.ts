/**
 * The accounts domain's notion of "now" (epoch milliseconds). Session expiry and the log-in
 * lock-out read it here so that tests can move time forward without waiting or faking timers.
 */
export const accountsClock = {
  now: (): number => Date.now(),
};
