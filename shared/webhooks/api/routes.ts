import { defineRoute } from "#platform/function-definitions";
import { pageOf } from "#platform/http/page";
import { webhookMetrics } from "./metrics";
import {
  createEndpointBody,
  deliveriesQuery,
  deliveryParams,
  deliveryView,
  deliveryWithAttempts,
  endpointParams,
  endpointView,
  endpointWithSecret,
  patchEndpointBody,
} from "./schemas";

const tags = ["webhooks"];

const endpointId = "we_0123456789abcdefghijkl";
const deliveryId = "wd_0123456789abcdefghijkl";
const endpointExample = {
  id: endpointId,
  url: "https://hooks.example.com/tombola",
  events: ["raffle.sold_out", "raffle.drawn"] as ("raffle.sold_out" | "raffle.drawn")[],
  description: "Back office",
  status: "enabled" as const,
  disabled_reason: null,
  created_at: "2026-11-21T10:00:00.000Z",
  updated_at: "2026-11-21T10:00:00.000Z",
};
const withSecret = {
  ...endpointExample,
  secret: "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw/FvqOTrnHYk=",
};
const deliveryExample = {
  id: deliveryId,
  event_id: "evt_2Zfq0JcXnLkS1Vd8mQe3Tw",
  type: "raffle.drawn" as const,
  status: "pending" as const,
  attempts: 2,
  last_attempt_at: "2026-11-21T10:00:06.000Z",
  next_attempt_at: "2026-11-21T10:01:06.000Z",
  last_response_status: 503,
  created_at: "2026-11-21T10:00:01.000Z",
};
const byEndpoint = { params: { endpoint_id: endpointId } };
const byDelivery = { params: { delivery_id: deliveryId } };
const urlNotAllowed = {
  status: 422,
  code: "webhook_url_not_allowed",
  description:
    "The URL is not https, or its host is or resolves to a loopback, private, link-local or metadata address",
};

export const createEndpointRoute = defineRoute({
  method: "POST",
  path: "/v1/webhook-endpoints",
  access: "manager",
  summary: "Register an HTTPS endpoint for signed events; its secret is shown once",
  tags,
  body: createEndpointBody,
  requestExample: {
    body: { url: endpointExample.url, events: endpointExample.events, description: "Back office" },
  },
  responses: {
    201: {
      description: "The endpoint, with its signing secret",
      schema: endpointWithSecret,
      example: withSecret,
      headers: ["Location"],
    },
  },
  errors: [urlNotAllowed],
  function: {
    handler: "webhooks/create-endpoint.ts",
    tableActions: ["dynamodb:PutItem"],
    timeoutSeconds: 15,
  },
});

export const listEndpointsRoute = defineRoute({
  method: "GET",
  path: "/v1/webhook-endpoints",
  access: "manager",
  summary: "Webhook endpoints, newest first",
  tags,
  query: deliveriesQuery.pick({ limit: true, cursor: true }),
  requestExample: { query: { limit: "20" } },
  responses: {
    200: {
      description: "A page of endpoints",
      schema: pageOf(endpointView),
      example: { items: [endpointExample], next_cursor: null },
    },
  },
  function: { handler: "webhooks/list-endpoints.ts", tableActions: ["dynamodb:Query"] },
});

export const getEndpointRoute = defineRoute({
  method: "GET",
  path: "/v1/webhook-endpoints/{endpoint_id}",
  access: "manager",
  summary: "One webhook endpoint",
  tags,
  params: endpointParams,
  requestExample: byEndpoint,
  responses: {
    200: { description: "The endpoint", schema: endpointView, example: endpointExample },
  },
  function: { handler: "webhooks/get-endpoint.ts", tableActions: ["dynamodb:GetItem"] },
});

export const patchEndpointRoute = defineRoute({
  method: "PATCH",
  path: "/v1/webhook-endpoints/{endpoint_id}",
  access: "manager",
  summary: "Change an endpoint's URL, events, description or status (merge patch)",
  tags,
  params: endpointParams,
  body: patchEndpointBody,
  requestExample: { ...byEndpoint, body: { status: "enabled" } },
  responses: {
    200: { description: "The endpoint as changed", schema: endpointView, example: endpointExample },
  },
  errors: [urlNotAllowed],
  function: {
    handler: "webhooks/patch-endpoint.ts",
    tableActions: ["dynamodb:GetItem", "dynamodb:UpdateItem"],
    timeoutSeconds: 15,
  },
});

export const deleteEndpointRoute = defineRoute({
  method: "DELETE",
  path: "/v1/webhook-endpoints/{endpoint_id}",
  access: "manager",
  summary: "Delete an endpoint; its pending deliveries are given up",
  tags,
  params: endpointParams,
  requestExample: byEndpoint,
  responses: { 204: { description: "Deleted" } },
  function: { handler: "webhooks/delete-endpoint.ts", tableActions: ["dynamodb:DeleteItem"] },
});

export const rotateSecretRoute = defineRoute({
  method: "POST",
  path: "/v1/webhook-endpoints/{endpoint_id}/rotate-secret",
  access: "manager",
  summary: "A new signing secret; the old one signs too for 24 hours",
  tags,
  params: endpointParams,
  requestExample: byEndpoint,
  responses: {
    200: {
      description: "The endpoint with its new secret",
      schema: endpointWithSecret,
      example: withSecret,
    },
  },
  function: {
    handler: "webhooks/rotate-secret.ts",
    tableActions: ["dynamodb:GetItem", "dynamodb:UpdateItem"],
  },
});

export const sendTestEventRoute = defineRoute({
  method: "POST",
  path: "/v1/webhook-endpoints/{endpoint_id}/test",
  access: "manager",
  summary: "Deliver a `webhook.test` event to this endpoint",
  tags,
  params: endpointParams,
  requestExample: byEndpoint,
  responses: {
    202: {
      description: "The event, on its way",
      schema: deliveryView.pick({ event_id: true, type: true }),
      example: { event_id: deliveryExample.event_id, type: "webhook.test" as const },
    },
  },
  function: {
    handler: "webhooks/send-test-event.ts",
    tableActions: ["dynamodb:GetItem", "dynamodb:PutItem"],
  },
});

export const listDeliveriesRoute = defineRoute({
  method: "GET",
  path: "/v1/webhook-endpoints/{endpoint_id}/deliveries",
  access: "manager",
  summary: "An endpoint's deliveries, newest first; `?status=` keeps those of one status",
  tags,
  params: endpointParams,
  query: deliveriesQuery,
  requestExample: { ...byEndpoint, query: { status: "failed" } },
  responses: {
    200: {
      description: "A page of deliveries",
      schema: pageOf(deliveryView),
      example: { items: [deliveryExample], next_cursor: null },
    },
  },
  function: {
    handler: "webhooks/list-deliveries.ts",
    tableActions: ["dynamodb:GetItem", "dynamodb:Query"],
  },
});

export const getDeliveryRoute = defineRoute({
  method: "GET",
  path: "/v1/webhook-deliveries/{delivery_id}",
  access: "manager",
  summary: "One delivery with every attempt: status, duration, the first 1 KiB of the answer",
  tags,
  params: deliveryParams,
  requestExample: byDelivery,
  responses: {
    200: {
      description: "The delivery and its attempts",
      schema: deliveryWithAttempts,
      example: {
        ...deliveryExample,
        attempt_log: [
          {
            attempt: 1,
            at: "2026-11-21T10:00:01.000Z",
            duration_ms: 84,
            response_status: 503,
            response_body: "upstream unavailable",
            error: null,
          },
        ],
      },
    },
  },
  function: {
    handler: "webhooks/get-delivery.ts",
    tableActions: ["dynamodb:GetItem", "dynamodb:Query"],
  },
});

export const retryDeliveryRoute = defineRoute({
  method: "POST",
  path: "/v1/webhook-deliveries/{delivery_id}/retry",
  access: "manager",
  summary: "Send a delivery again now, whatever its status",
  tags,
  params: deliveryParams,
  requestExample: byDelivery,
  responses: {
    202: {
      description: "The delivery, pending again",
      schema: deliveryView,
      example: { ...deliveryExample, next_attempt_at: deliveryExample.last_attempt_at },
    },
  },
  answerMetrics: { 202: webhookMetrics.WebhookDeliveriesRetried },
  function: { handler: "webhooks/retry-delivery.ts", tableActions: ["dynamodb:UpdateItem"] },
});

export const webhookRoutes = [
  createEndpointRoute,
  listEndpointsRoute,
  getEndpointRoute,
  patchEndpointRoute,
  deleteEndpointRoute,
  rotateSecretRoute,
  sendTestEventRoute,
  listDeliveriesRoute,
  getDeliveryRoute,
  retryDeliveryRoute,
];
