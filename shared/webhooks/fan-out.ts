import { clock } from "#platform/clock";
import type { OutboxWork, WorkBatch } from "#platform/outbox/consumer";
import { webhookMetrics } from "#webhooks/api/metrics";
import { deliveryId, EVENT_KIND } from "#webhooks/core/delivery";
import type { WebhookEndpoint } from "#webhooks/core/endpoint";
import { eventBody, subscribesTo, type WebhookEvent } from "#webhooks/core/events";
import { putDelivery } from "#webhooks/store/delivery-store";
import { allEndpoints, findEndpoint } from "#webhooks/store/endpoint-store";
import { fromEventItem } from "#webhooks/store/event-item";

/** The latest read of every endpoint by this process, and when it started. */
let endpointsRead: { startedAt: number; endpoints: Promise<WebhookEndpoint[]> } | undefined;

/**
 * Every endpoint, as a read started after `batch` came in finds them: an endpoint created before
 * any of the batch's events is among them, as with a read per event. One Query then serves the
 * whole batch (was one per event: a third of the requests an alert's fan-out made).
 */
function endpointsFor(batch: WorkBatch): Promise<WebhookEndpoint[]> {
  if (!endpointsRead || endpointsRead.startedAt < batch.receivedAt) {
    endpointsRead = { startedAt: performance.now(), endpoints: allEndpoints() };
  }
  return endpointsRead.endpoints;
}

/** The enabled endpoints subscribed to an event's type. */
async function subscribers(event: WebhookEvent, batch: WorkBatch): Promise<WebhookEndpoint[]> {
  return (await endpointsFor(batch)).filter(
    (e) => e.status === "enabled" && subscribesTo(e.events, event.type),
  );
}

const FANNED_OUT = "fanned_out";

/**
 * Fanning an event out: one delivery per enabled endpoint subscribed to its type (a test event:
 * its one endpoint), each written once whatever happens to this attempt (its id derives from
 * event and endpoint), then recorded `fanned_out`. The deliveries' own inserts on the stream
 * start their first attempts.
 */
export function fanOutWork(): OutboxWork {
  return {
    kind: EVENT_KIND,
    // No endpoint to deliver to: nothing a second attempt could write twice, so no claim.
    // A test event (for its one endpoint) always takes the claimed path.
    async finishUnclaimed(image, batch) {
      const event = fromEventItem(image);
      if (event.endpointId || (await subscribers(event, batch)).length > 0) return undefined;
      return { status: FANNED_OUT, attributes: { deliveries: 0 } };
    },
    async perform(item, batch) {
      const event = fromEventItem(item);
      const endpoints = event.endpointId
        ? [await findEndpoint(event.endpointId)].flatMap((e) => (e ? [e] : []))
        : await subscribers(event, batch);
      const now = clock.now();
      const createdAt = new Date(now).toISOString();
      const body = eventBody(event);
      await Promise.all(
        endpoints.map((endpoint) =>
          putDelivery({
            id: deliveryId(event.id, endpoint.id),
            endpointId: endpoint.id,
            eventId: event.id,
            type: event.type,
            body,
            status: "pending",
            attempts: 0,
            lastAttemptAt: null,
            nextAttemptAt: null,
            lastResponseStatus: null,
            retriesFrom: now,
            createdAt,
          }),
        ),
      );
      return { status: FANNED_OUT, attributes: { deliveries: endpoints.length } };
    },
    maxAttempts: 8,
    metrics: {
      done: webhookMetrics.WebhookEventsFannedOut,
      attemptFailed: webhookMetrics.WebhookAttemptsFailed,
      failed: webhookMetrics.WebhookDeliveriesFailed,
    },
  };
}
