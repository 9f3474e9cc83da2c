import { defineMetrics } from "#platform/observability/metrics";

/** The webhooks domain's metrics: its routes' answers and its delivery functions count them. */
export const webhookMetrics = defineMetrics("webhooks", {
  WebhookEventsFannedOut: {
    unit: "Count",
    dimensions: [],
    description: "Events turned into one delivery per subscribed endpoint",
  },
  WebhooksDelivered: {
    unit: "Count",
    dimensions: [],
    description: "Deliveries a receiver answered 2xx (`succeeded`)",
  },
  WebhookAttemptsFailed: {
    unit: "Count",
    dimensions: [],
    description: "Delivery attempts that failed (no 2xx within 10 s) and will be tried again",
  },
  WebhookDeliveriesFailed: {
    unit: "Count",
    dimensions: [],
    description: "Deliveries given up (`failed`): 3 days of retries, or the endpoint is gone",
  },
  WebhookEndpointsDisabled: {
    unit: "Count",
    dimensions: [],
    description: "Endpoints disabled after 5 days without a successful delivery",
  },
  WebhookDeliveriesRetried: {
    unit: "Count",
    dimensions: [],
    description: "Deliveries a manager sent again",
  },
  WebhookOldestPendingDeliveryAge: {
    unit: "Milliseconds",
    dimensions: [],
    description:
      "How long the oldest due pending delivery has waited past its due time, found by each retry pass's invocation (none due: nothing published)",
  },
});
