import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "#platform/db/client";
import type { PageRequest } from "#platform/db/query-page";
import { DomainError } from "#platform/errors";
import type { DeliveryStatus } from "#webhooks/core/delivery";
import { fromDeliveryItem } from "#webhooks/store/delivery-item";
import { listAttempts, listDeliveries, requeueDelivery } from "#webhooks/store/delivery-store";
import { getEndpoint } from "#webhooks/store/endpoint-store";
import { webhookKeys } from "#webhooks/store/keys";
import { attemptView, deliveryView } from "./views";

/** A page of an endpoint's deliveries, newest first; 404 when there is no such endpoint. */
export async function listEndpointDeliveries(
  endpointId: string,
  page: PageRequest,
  status?: DeliveryStatus,
) {
  await getEndpoint(endpointId);
  return listDeliveries(endpointId, page, status, deliveryView);
}

/** One delivery with its attempts. */
export async function getDelivery(id: string) {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: webhookKeys.delivery(id), ConsistentRead: true }),
  );
  if (!Item) throw DomainError.notFound("webhook_delivery");
  const attempts = await listAttempts(id);
  return { ...deliveryView(fromDeliveryItem(Item)), attempt_log: attempts.map(attemptView) };
}

/** Sends a delivery again now, whatever its status. */
export const retryDelivery = async (id: string) => deliveryView(await requeueDelivery(id));
