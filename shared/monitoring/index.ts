/**
 * The monitoring domain's one door: the app, the entry points and the other domains use it through
 * `#monitoring` and nothing deeper.
 */

export { getAlert, listAlerts } from "#monitoring/alert-reads";
export { monitoringMetrics } from "#monitoring/api/metrics";
export {
  createEventRoute,
  getAlertRoute,
  getEventRoute,
  getRiskRoute,
  listAlertsRoute,
  listUserEventsRoute,
  monitoringRoutes,
  postLegacyEventRoute,
  putRiskRoute,
} from "#monitoring/api/routes";
export { getEvent, listUserEvents } from "#monitoring/event-reads";
export { recordEvent } from "#monitoring/record-event";
export { getRiskLevel, setRiskLevel } from "#monitoring/risk-level";
