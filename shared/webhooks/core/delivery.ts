import { createHash } from "node:crypto";
import type { WebhookEventType } from "./events";

/** A delivery's status as the API shows it (the outbox's `pending`, ours, or its `failed`). */
export const deliveryStatuses = ["pending", "succeeded", "failed"] as const;
export type DeliveryStatus = (typeof deliveryStatuses)[number];

/** The outbox kinds: an event fanned out to its endpoints, and one delivery to one endpoint. */
export const EVENT_KIND = "webhook_event";
export const DELIVERY_KIND = "webhook_delivery";

/** How much of a receiver's answer is kept. */
export const RESPONSE_KEPT_BYTES = 1024;

/** A delivery as stored. */
export interface WebhookDelivery {
  id: string;
  endpointId: string;
  eventId: string;
  type: WebhookEventType;
  /** The exact body every attempt sends. */
  body: string;
  status: DeliveryStatus;
  attempts: number;
  lastAttemptAt: string | null;
  /** Epoch ms of the next attempt while one is planned. */
  nextAttemptAt: number | null;
  lastResponseStatus: number | null;
  /** Epoch ms from which its 3 days of retries count (creation, or a manual retry). */
  retriesFrom: number;
  createdAt: string;
}

/** One attempt as recorded: what the receiver answered, or why there was no answer. */
export interface DeliveryAttempt {
  deliveryId: string;
  attempt: number;
  at: string;
  durationMs: number;
  responseStatus: number | null;
  /** The first 1 KiB of the receiver's answer. */
  responseBody: string | null;
  error: string | null;
}

const DELIVERY_ID = /^wd_[A-Za-z0-9_-]{22}$/;

/**
 * The delivery of an event to an endpoint: one id per pair, derived from both, so that a fan-out
 * done twice writes each delivery once.
 */
export const deliveryId = (eventId: string, endpointId: string) =>
  `wd_${createHash("sha256").update(`${eventId}|${endpointId}`).digest("base64url").slice(0, 22)}`;

/** The id as given when it can name a delivery; undefined when it cannot. */
export const parseDeliveryId = (id: string) => (DELIVERY_ID.test(id) ? id : undefined);

/** Whether a receiver's answer is a success: any 2xx. */
export const isSuccess = (status: number | null) =>
  status !== null && status >= 200 && status < 300;

/** The first 1 KiB of an answer, cut at a character boundary. */
export function keptResponse(body: Buffer): string {
  const kept = body.subarray(0, RESPONSE_KEPT_BYTES).toString("utf8");
  return kept.endsWith("\uFFFD") && body.length > RESPONSE_KEPT_BYTES ? kept.slice(0, -1) : kept;
}
