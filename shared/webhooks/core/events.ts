import { randomBytes } from "node:crypto";

/** Every event type a delivery may carry (API.md, "Webhooks"). */
export const webhookEventTypes = [
  "raffle.sold_out",
  "raffle.drawn",
  "ledger.transaction.posted",
  "monitoring.alert.raised",
  "coupon.redeemed",
  "notification.failed",
  "webhook.test",
] as const;
export type WebhookEventType = (typeof webhookEventTypes)[number];

/** What an endpoint subscribes to: event types, or `*` for every one. */
export const subscribableTypes = ["*", ...webhookEventTypes] as const;
export type Subscription = (typeof subscribableTypes)[number];

/** An event as it is written in its cause's transaction and delivered. */
export interface WebhookEvent {
  /** `evt_…`: the `webhook-id` of every delivery of it, the same on every retry. */
  id: string;
  type: WebhookEventType;
  /** ISO time of the cause: the payload's `timestamp`, by which receivers order. */
  timestamp: string;
  /** The resource as the API shows it to a manager. */
  data: unknown;
  /** Set on a `webhook.test` event: the one endpoint it goes to. */
  endpointId?: string;
}

const EVENT_ID = /^evt_[A-Za-z0-9_-]{22}$/;

/** A new event id: `evt_` and 128 random bits. */
export const newEventId = () => `evt_${randomBytes(16).toString("base64url")}`;

/** The id as given when it can name an event; undefined when it cannot. */
export const parseEventId = (id: string) => (EVENT_ID.test(id) ? id : undefined);

/**
 * The body POSTed for an event: `{"type", "timestamp", "data"}`, serialised once so that every
 * attempt sends (and signs) the very same bytes.
 */
export const eventBody = (event: Pick<WebhookEvent, "type" | "timestamp" | "data">) =>
  JSON.stringify({ type: event.type, timestamp: event.timestamp, data: event.data });

/** Whether an endpoint subscribed to `events` receives an event of `type`. */
export const subscribesTo = (events: readonly string[], type: WebhookEventType) =>
  type !== "webhook.test" && (events.includes("*") || events.includes(type));
