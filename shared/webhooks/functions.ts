import { clock } from "#platform/clock";
import type { ScheduledFunctionDefinition } from "#platform/function-definitions";
import { countMetric } from "#platform/observability/invocation-metrics";
import { dueWorkHandler } from "#platform/outbox/due-work";
import { outboxStreamFunction } from "#platform/outbox/stream-function";
import { webhookMetrics } from "#webhooks/api/metrics";
import { DELIVERY_KIND, EVENT_KIND } from "#webhooks/core/delivery";
import { oldestPendingDueAt } from "#webhooks/store/delivery-store";
import { type DeliveryOptions, deliveryWork } from "./deliver";
import { fanOutWork } from "./fan-out";

/** The stream function that turns each new event into its deliveries. */
export const fanOutEventsFunction = outboxStreamFunction({
  kind: EVENT_KIND,
  description: "Turns each webhook event into one delivery per subscribed endpoint",
  function: { handler: "webhooks/fan-out-events.ts" },
  // The endpoints (a Query), a test event's one endpoint, each delivery's conditional Put.
  tableActions: ["dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem"],
});

/** The stream function that makes each delivery's first attempt (and a re-sent one's). */
export const deliverWebhooksFunction = outboxStreamFunction({
  kind: DELIVERY_KIND,
  description: "POSTs each new or re-sent webhook delivery to its endpoint, signed",
  function: { handler: "webhooks/deliver-webhooks.ts" },
  requeueFrom: ["failed", "succeeded"],
  // The endpoint, the attempt's record, the endpoint's run of failures.
  tableActions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
});

/**
 * The retry pass: every minute, and within the minute every 5 s, the deliveries (and any event
 * the stream left behind) that are due are attempted. A stream keeps a record for hours; the
 * schedule of retries runs 3 days, so it lives on the delivery item and is driven from here.
 */
export const retryDeliveriesFunction: ScheduledFunctionDefinition = {
  description: "Attempts the webhook deliveries whose next retry is due",
  everyMinutes: 1,
  passEverySeconds: 5,
  function: {
    handler: "webhooks/retry-deliveries.ts",
    timeoutSeconds: 70,
    tableActions: ["dynamodb:Query", "dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:UpdateItem"],
  },
};

/**
 * Publishes how long the oldest due pending delivery has waited past its due time (the alarm
 * watches its maximum): a pass that runs and keeps up keeps it within seconds.
 */
async function oldestPendingAge(): Promise<number | undefined> {
  const now = clock.now();
  const dueAt = await oldestPendingDueAt(now);
  if (dueAt === undefined) return undefined;
  const ageMs = Math.max(0, now - dueAt);
  countMetric(webhookMetrics.WebhookOldestPendingDeliveryAge, ageMs);
  return ageMs;
}

/** The retry pass's handler: due work of both kinds, and how long the oldest has waited. */
export const retryDeliveriesHandler = (options: DeliveryOptions = {}) =>
  dueWorkHandler([fanOutWork(), deliveryWork(options)], {
    functionName: "webhooks/retry-deliveries",
    onInvocation: oldestPendingAge,
  });
