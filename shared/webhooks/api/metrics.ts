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
  WebhookDeliveriesOverdue: {
    unit: "Count",
    dimensions: [],
    description:
      "Pending deliveries found more than 5 minutes past their due time by a retry pass (the retries are falling behind)",
  },
});
