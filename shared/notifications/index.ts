/**
 * The notifications domain's one door: the app, the entry points and the other domains use it through
 * `#notifications` and nothing deeper.
 */
export { notificationMetrics } from "#notifications/api/metrics";
export { notificationsRoutes, sendSmsFunction } from "#notifications/api/routes";
