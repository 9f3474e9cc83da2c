import * as z from "zod";
import { pageQuery } from "#platform/http/page";
import { pathId } from "#platform/http/path-id";
import { deliveryStatuses, parseDeliveryId } from "#webhooks/core/delivery";
import { endpointLimits, endpointStatuses, parseEndpointId } from "#webhooks/core/endpoint";
import { subscribableTypes, webhookEventTypes } from "#webhooks/core/events";
import { MAX_URL_LENGTH } from "#webhooks/core/url-policy";

const url = z
  .string()
  .min(1)
  .max(MAX_URL_LENGTH)
  .meta({ description: "Where events are POSTed: https, a public host" });
const events = z
  .array(z.enum(subscribableTypes))
  .min(1)
  .max(endpointLimits.events)
  .meta({ description: "The event types it receives, or `*` for all" });
const description = z.string().max(endpointLimits.descriptionLength).nullable();

export const createEndpointBody = z.strictObject({
  url,
  events,
  description: description.optional(),
});

export const patchEndpointBody = z.strictObject({
  url: url.optional(),
  events: events.optional(),
  description: description.optional(),
  status: z.enum(endpointStatuses).optional(),
});
export type EndpointPatch = z.output<typeof patchEndpointBody>;

export const endpointView = z.object({
  id: z.string(),
  url: z.string(),
  events: z.array(z.enum(subscribableTypes)),
  description: z.string().nullable(),
  status: z.enum(endpointStatuses),
  disabled_reason: z.string().nullable(),
  created_at: z.iso.datetime(),
  updated_at: z.iso.datetime(),
});

export const endpointWithSecret = endpointView.extend({
  secret: z.string().meta({ description: "`whsec_…`: shown only here and on rotation" }),
});

export const deliveryView = z.object({
  id: z.string(),
  event_id: z.string(),
  type: z.enum(webhookEventTypes),
  status: z.enum(deliveryStatuses),
  attempts: z.number().int(),
  last_attempt_at: z.iso.datetime().nullable(),
  next_attempt_at: z.iso.datetime().nullable(),
  last_response_status: z.number().int().nullable(),
  created_at: z.iso.datetime(),
});

export const attemptView = z.object({
  attempt: z.number().int(),
  at: z.iso.datetime(),
  duration_ms: z.number().int(),
  response_status: z.number().int().nullable(),
  response_body: z.string().nullable().meta({ description: "The first 1 KiB of the answer" }),
  error: z.string().nullable(),
});

export const deliveryWithAttempts = deliveryView.extend({ attempt_log: z.array(attemptView) });

export const endpointParams = z.object({
  endpoint_id: pathId("webhook_endpoint", "we_0123456789abcdefghijkl", parseEndpointId),
});
export const deliveryParams = z.object({
  delivery_id: pathId("webhook_delivery", "wd_0123456789abcdefghijkl", parseDeliveryId),
});
export const deliveriesQuery = pageQuery.extend({ status: z.enum(deliveryStatuses).optional() });
