/**
 * The accounts domain's one door: the app, the entry points and the other domains use it through
 * `#accounts` and nothing deeper.
 */
export { accountMetrics } from "#accounts/api/metrics";
export { accountsRoutes } from "#accounts/api/routes";
