import { defineMetrics } from "#platform/observability/metrics";

/** The monitoring domain's business metrics: its routes' answers and its use cases count them. */
export const monitoringMetrics = defineMetrics("monitoring", {
  EventsRecorded: {
    unit: "Count",
    dimensions: [],
    description: "Deposit and withdrawal events judged and stored",
  },
  EventsRefused: {
    unit: "Count",
    dimensions: ["reason"],
    description: "Events refused: older than the user's latest",
  },
  AlertsRaised: {
    unit: "Count",
    dimensions: ["code"],
    description: "Alerts raised, by rule code (an event may raise several)",
  },
});
