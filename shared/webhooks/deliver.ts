import { randomInt } from "node:crypto";
import { clock } from "#platform/clock";
import { countMetric } from "#platform/observability/invocation-metrics";
import type { OutboxWork } from "#platform/outbox/consumer";
import { webhookMetrics } from "#webhooks/api/metrics";
import { DELIVERY_KIND, isSuccess } from "#webhooks/core/delivery";
import { signingSecrets } from "#webhooks/core/endpoint";
import { nextAttemptAt } from "#webhooks/core/retry-schedule";
import { deliveryHeaders } from "#webhooks/core/signature";
import { fromDeliveryItem } from "#webhooks/store/delivery-item";
import { putAttempt } from "#webhooks/store/delivery-store";
import {
  findEndpoint,
  recordEndpointFailure,
  recordEndpointSuccess,
} from "#webhooks/store/endpoint-store";
import { postWebhook } from "./webhook-sender";

/** What a delivery attempt sends with: the HTTP POST (tests hand one with other settings). */
export interface DeliveryOptions {
  send?: typeof postWebhook;
  /** In [0, 1): the jitter of the next retry. */
  random?: () => number;
}

/**
 * One attempt at a delivery: the endpoint read now (its URL, its live secrets, whether it still
 * exists and is enabled), the body signed and POSTed, the attempt recorded (status, duration,
 * first 1 KiB), and the outcome: `succeeded` on a 2xx, else the next retry of the schedule, or
 * `failed` past its 3 days. Each failure may disable an endpoint 5 days into its failures.
 */
export function deliveryWork({
  send = postWebhook,
  random = () => randomInt(1_000_000) / 1_000_000,
}: DeliveryOptions = {}): OutboxWork {
  return {
    kind: DELIVERY_KIND,
    async perform(item) {
      const delivery = fromDeliveryItem(item);
      const endpoint = await findEndpoint(delivery.endpointId);
      if (!endpoint) return { status: "failed", attributes: { detail: "endpoint_deleted" } };
      if (endpoint.status !== "enabled" && delivery.type !== "webhook.test") {
        return { status: "failed", attributes: { detail: "endpoint_disabled" } };
      }
      const now = clock.now();
      const headers = deliveryHeaders(
        signingSecrets(endpoint.secrets, now),
        delivery.eventId,
        now,
        delivery.body,
      );
      const started = performance.now();
      const result = await send(endpoint.url, headers, delivery.body);
      const at = new Date(now).toISOString();
      await putAttempt({
        deliveryId: delivery.id,
        attempt: delivery.attempts,
        at,
        durationMs: Math.round(performance.now() - started),
        responseStatus: result.status,
        responseBody: result.body,
        error: result.error,
      });
      const recorded = { last_attempt_at: at, last_response_status: result.status };
      if (isSuccess(result.status)) {
        await recordEndpointSuccess(endpoint);
        return { status: "succeeded", attributes: recorded };
      }
      if (await recordEndpointFailure(endpoint, now)) {
        countMetric(webhookMetrics.WebhookEndpointsDisabled);
      }
      const error = result.error ?? `HTTP ${result.status}`;
      const retryAt = nextAttemptAt(delivery.attempts, delivery.retriesFrom, now, random());
      if (retryAt === undefined) {
        return { status: "failed", attributes: { ...recorded, detail: error } };
      }
      return { retryAt, error, attributes: recorded };
    },
    // Failed answers are outcomes, retried on the schedule; a throw is the store failing us.
    maxAttempts: 100,
    metrics: {
      done: webhookMetrics.WebhooksDelivered,
      attemptFailed: webhookMetrics.WebhookAttemptsFailed,
      failed: webhookMetrics.WebhookDeliveriesFailed,
    },
  };
}
