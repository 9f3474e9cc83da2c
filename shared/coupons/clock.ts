/**
 * The coupons domain's notion of "now" (epoch milliseconds): `active`, `scheduled` and `expired`
 * and every redemption read it here, so that tests can set the time without waiting.
 */
export const couponsClock = {
  now: (): number => Date.now(),
};

/** The clock's "now" as stored times are written: ISO 8601 UTC with milliseconds. */
export const nowIso = () => new Date(couponsClock.now()).toISOString();
