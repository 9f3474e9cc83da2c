/**
 * The monitoring domain's one door: the app, the entry points and the other domains use it through
 * `#monitoring` and nothing deeper.
 */
export { monitoringMetrics } from "./api/metrics";
export { monitoringRoutes } from "./api/routes";
