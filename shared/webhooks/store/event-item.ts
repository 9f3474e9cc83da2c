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

/**
 * An event from its item: an event item, or another domain's item that carries the event
 * (`carriedWebhookEvent`) in its `webhook_event` attribute.
 */
export function fromEventItem(item: Item): WebhookEvent {
  const event = (item[CARRIED] as Item | undefined) ?? item;
  return {
    id: event.id as string,
    type: event.type as WebhookEventType,
    timestamp: event.timestamp as string,
    data: event.data,
    ...(typeof event.endpoint_id === "string" ? { endpointId: event.endpoint_id } : {}),
  };
}

/** The attribute of another domain's item that holds the event it carries. */
const CARRIED = "webhook_event";

/**
 * The attributes that make another domain's new item an event of `type` about `data` (the
 * resource as a manager sees it), caused at `timestamp` (ISO; the item's own `created_at`, if it
 * has one, must be the same): the event, and the outbox's fields, by which the stream fans the
 * item out like an event item. For a cause that is one item, its PutItem then writes the event
 * too, with no transaction. The outbox's fields stay on the item once it is fanned out (gsi1 is
 * the outbox's, so the item must not use it for anything else), and no TTL comes with them.
 */
export function carriedWebhookEvent(type: WebhookEventType, data: unknown, timestamp: string) {
  const id = newEventId();
  return {
    [CARRIED]: { id, type, timestamp, data },
    ...workAttributes({ kind: EVENT_KIND, id, createdAt: timestamp }),
  };
}

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
