/**
 * The raffles domain's notion of "now" (epoch milliseconds) for claim times, which fix the draw's
 * beacon round. Tests move it to reach a chosen round without waiting for it.
 */
export const raffleClock = {
  now: (): number => Date.now(),
};
