import { tableName } from "#platform/db/client";
import { timeToLive } from "#platform/db/table-definition";
import type { TransactItem } from "#platform/db/transactions";
import { workAttributes } from "#platform/outbox/work-item";
import { EVENT_KIND } from "#webhooks/core/delivery";
import { newEventId, type WebhookEvent, type WebhookEventType } from "#webhooks/core/events";
import { WEBHOOK_LOG_TTL_MS, webhookKeys } from "./keys";

type Item = Record<string, unknown>;

/** An event's item: pending outbox work of kind `webhook_event`, fanned out from the stream. */
export const toEventItem = (event: WebhookEvent): Item => ({
  ...webhookKeys.event(event.id),
  type: event.type,
  id: event.id,
  timestamp: event.timestamp,
  data: event.data,
  ...(event.endpointId ? { endpoint_id: event.endpointId } : {}),
  ...workAttributes({ kind: EVENT_KIND, id: event.id, createdAt: event.timestamp }),
  ...timeToLive(Date.parse(event.timestamp) + WEBHOOK_LOG_TTL_MS),
});

/** An event from its item. */
export const fromEventItem = (item: Item): WebhookEvent => ({
  id: item.id as string,
  type: item.type as WebhookEventType,
  timestamp: item.timestamp as string,
  data: item.data,
  ...(typeof item.endpoint_id === "string" ? { endpointId: item.endpoint_id } : {}),
});

/**
 * The item a cause adds to its own TransactWriteItems for an event of `type` about `data` (the
 * resource as a manager sees it), caused at `now` (epoch ms): the event exists if and only if
 * its cause does. New by construction (a fresh id), so never overwriting.
 */
export const webhookEventPut = (type: WebhookEventType, data: unknown, now: number) =>
  eventPut({ id: newEventId(), type, data, timestamp: new Date(now).toISOString() });

/** The conditional Put of a new event (its id is fresh). */
export const eventPut = (event: WebhookEvent) =>
  ({
    Put: {
      TableName: tableName,
      Item: toEventItem(event),
      ConditionExpression: "attribute_not_exists(pk)",
    },
  }) satisfies TransactItem;
