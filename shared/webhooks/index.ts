/**
 * The webhooks domain's one door: the app, the entry points and the other domains (which add an
 * event to their own transactions with `webhookEventPut`, or carry it on their one item with
 * `carriedWebhookEvent`) use it through `#webhooks` alone.
 */
export { webhookMetrics } from "#webhooks/api/metrics";
export {
  createEndpointRoute,
  deleteEndpointRoute,
  getDeliveryRoute,
  getEndpointRoute,
  listDeliveriesRoute,
  listEndpointsRoute,
  patchEndpointRoute,
  retryDeliveryRoute,
  rotateSecretRoute,
  sendTestEventRoute,
  webhookRoutes,
} from "#webhooks/api/routes";
export type { WebhookEventType } from "#webhooks/core/events";
export { webhookEventTypes } from "#webhooks/core/events";
export { carriedWebhookEvent, webhookEventPut } from "#webhooks/store/event-item";
export { deliveryWork } from "./deliver";
export { getDelivery, listEndpointDeliveries, retryDelivery } from "./deliveries";
export {
  createEndpoint,
  patchEndpoint,
  rotateEndpointSecret,
  sendTestEvent,
} from "./endpoints";
export { fanOutWork } from "./fan-out";
export {
  deliverWebhooksFunction,
  fanOutEventsFunction,
  retryDeliveriesFunction,
  retryDeliveriesHandler,
} from "./functions";
export { getEndpointView, listEndpointViews, removeEndpoint } from "./reads";
