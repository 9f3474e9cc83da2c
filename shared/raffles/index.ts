/**
 * The raffles domain's one door: the app, the entry points and the other domains use it through
 * `#raffles` and nothing deeper.
 */
export { raffleMetrics } from "#raffles/api/metrics";
export { raffleRoutes } from "#raffles/api/routes";
