import { retryDeliveriesHandler } from "#webhooks";

export const handler = retryDeliveriesHandler();
