import type { DeliveryAttempt, WebhookDelivery } from "#webhooks/core/delivery";
import type { WebhookEndpoint } from "#webhooks/core/endpoint";

/** An endpoint as managers see it; `secret` only in the answers of creation and rotation. */
export const endpointView = (endpoint: WebhookEndpoint, secret?: string) => ({
  id: endpoint.id,
  url: endpoint.url,
  events: endpoint.events,
  description: endpoint.description,
  status: endpoint.status,
  disabled_reason: endpoint.disabledReason,
  created_at: endpoint.createdAt,
  updated_at: endpoint.updatedAt,
  ...(secret === undefined ? {} : { secret }),
});
export type EndpointView = ReturnType<typeof endpointView>;

/** A delivery as managers see it in an endpoint's list. */
export const deliveryView = (delivery: WebhookDelivery) => ({
  id: delivery.id,
  event_id: delivery.eventId,
  type: delivery.type,
  status: delivery.status,
  attempts: delivery.attempts,
  last_attempt_at: delivery.lastAttemptAt,
  next_attempt_at:
    delivery.nextAttemptAt === null ? null : new Date(delivery.nextAttemptAt).toISOString(),
  last_response_status: delivery.lastResponseStatus,
  created_at: delivery.createdAt,
});

/** One attempt as managers see it. */
export const attemptView = (attempt: DeliveryAttempt) => ({
  attempt: attempt.attempt,
  at: attempt.at,
  duration_ms: attempt.durationMs,
  response_status: attempt.responseStatus,
  response_body: attempt.responseBody,
  error: attempt.error,
});
