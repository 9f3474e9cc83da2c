/**
 * The monitoring domain's one door: the app, the entry points and the other domains use it through
 * `#monitoring` and nothing deeper.
 */
export { monitoringMetrics } from "#monitoring/api/metrics";
export { monitoringRoutes } from "#monitoring/api/routes";
