import { key } from "#platform/db/keys";
import { timeToLive } from "#platform/db/table-definition";
import { workAttributes } from "#platform/outbox/work-item";
import { DELIVERY_KIND, type DeliveryAttempt, type WebhookDelivery } from "#webhooks/core/delivery";
import type { WebhookEventType } from "#webhooks/core/events";
import { WEBHOOK_LOG_TTL_MS, webhookKeys } from "./keys";

type Item = Record<string, unknown>;

/** A new delivery's item: pending outbox work of kind `webhook_delivery`. */
export const toDeliveryItem = (delivery: WebhookDelivery): Item => ({
  ...webhookKeys.delivery(delivery.id),
  type: delivery.type,
  id: delivery.id,
  endpoint_id: delivery.endpointId,
  event_id: delivery.eventId,
  body: delivery.body,
  retries_from: delivery.retriesFrom,
  ...workAttributes({ kind: DELIVERY_KIND, id: delivery.id, createdAt: delivery.createdAt }),
  gsi2pk: webhookKeys.endpointDeliveries(delivery.endpointId),
  gsi2sk: key(delivery.createdAt, delivery.id),
  ...timeToLive(Date.parse(delivery.createdAt) + WEBHOOK_LOG_TTL_MS),
});

/** A delivery from its item. */
export const fromDeliveryItem = (item: Item): WebhookDelivery => ({
  id: item.id as string,
  endpointId: item.endpoint_id as string,
  eventId: item.event_id as string,
  type: item.type as WebhookEventType,
  body: item.body as string,
  status: item.status as WebhookDelivery["status"],
  attempts: (item.attempts as number | undefined) ?? 0,
  lastAttemptAt: (item.last_attempt_at as string | undefined) ?? null,
  nextAttemptAt:
    item.status === "pending" && typeof item.next_attempt_at === "number"
      ? item.next_attempt_at
      : null,
  lastResponseStatus: (item.last_response_status as number | undefined) ?? null,
  retriesFrom: (item.retries_from as number | undefined) ?? Date.parse(item.created_at as string),
  createdAt: item.created_at as string,
});

/** An attempt's item, in its delivery's partition. */
export const toAttemptItem = (attempt: DeliveryAttempt): Item => ({
  ...webhookKeys.attempt(attempt.deliveryId, attempt.attempt),
  type: "webhook_attempt",
  delivery_id: attempt.deliveryId,
  attempt: attempt.attempt,
  at: attempt.at,
  duration_ms: attempt.durationMs,
  response_status: attempt.responseStatus,
  response_body: attempt.responseBody,
  error: attempt.error,
  ...timeToLive(Date.parse(attempt.at) + WEBHOOK_LOG_TTL_MS),
});

/** An attempt from its item. */
export const fromAttemptItem = (item: Item): DeliveryAttempt => ({
  deliveryId: item.delivery_id as string,
  attempt: item.attempt as number,
  at: item.at as string,
  durationMs: item.duration_ms as number,
  responseStatus: (item.response_status as number | null) ?? null,
  responseBody: (item.response_body as string | null) ?? null,
  error: (item.error as string | null) ?? null,
});
