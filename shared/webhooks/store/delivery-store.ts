import { PutCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "#platform/db/client";
import { type PageRequest, queryPage } from "#platform/db/query-page";
import { isConditionFailure } from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import { outboxIndex, PENDING, statusShards } from "#platform/outbox/work-item";
import { requeueWork } from "#platform/outbox/work-store";
import {
  DELIVERY_KIND,
  type DeliveryAttempt,
  type DeliveryStatus,
  type WebhookDelivery,
} from "#webhooks/core/delivery";
import { fromAttemptItem, fromDeliveryItem, toAttemptItem, toDeliveryItem } from "./delivery-item";
import { webhookKeys } from "./keys";

/**
 * Writes a delivery unless it exists: a fan-out done again (a redelivered stream record) writes
 * nothing twice. Returns whether it wrote it.
 */
export async function putDelivery(delivery: WebhookDelivery): Promise<boolean> {
  try {
    await db.send(
      new PutCommand({
        TableName: tableName,
        Item: toDeliveryItem(delivery),
        ConditionExpression: "attribute_not_exists(pk)",
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/** Records one attempt (its number is its key: recording it again writes the same item). */
export async function putAttempt(attempt: DeliveryAttempt): Promise<void> {
  await db.send(new PutCommand({ TableName: tableName, Item: toAttemptItem(attempt) }));
}

/** A delivery's attempts, in order. */
export async function listAttempts(deliveryId: string): Promise<DeliveryAttempt[]> {
  const { pk } = webhookKeys.delivery(deliveryId);
  const { Items } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :attempt)",
      ExpressionAttributeValues: { ":pk": pk, ":attempt": "ATTEMPT#" },
    }),
  );
  return (Items ?? []).map(fromAttemptItem);
}

/** A page of an endpoint's deliveries, newest first; `status` keeps those of one status. */
export function listDeliveries<T>(
  endpointId: string,
  page: PageRequest,
  status: DeliveryStatus | undefined,
  toView: (delivery: WebhookDelivery) => T,
) {
  const partition = webhookKeys.endpointDeliveries(endpointId);
  return queryPage(
    {
      TableName: tableName,
      IndexName: "gsi2",
      KeyConditionExpression: "gsi2pk = :pk",
      ...(status
        ? {
            FilterExpression: "#status = :status",
            ExpressionAttributeNames: { "#status": "status" },
          }
        : {}),
      ExpressionAttributeValues: { ":pk": partition, ...(status ? { ":status": status } : {}) },
      ScanIndexForward: false,
    },
    page,
    { names: ["pk", "sk", "gsi2pk", "gsi2sk"], partition: { name: "gsi2pk", value: partition } },
    (item) => toView(fromDeliveryItem(item)),
  );
}

/**
 * Sends a delivery again now, whatever its status: a finished one goes back to pending (which
 * the stream hands to the delivery function), a pending one is made due now (which the next
 * retry pass takes). Its attempts keep counting. 404 when there is no such delivery.
 */
export async function requeueDelivery(id: string): Promise<WebhookDelivery> {
  const result = await requeueWork(
    { key: webhookKeys.delivery(id), kind: DELIVERY_KIND, id },
    { from: ["pending", "succeeded", "failed"], resetAttempts: false, dueNow: true },
  );
  if (result.outcome === "not_found") throw DomainError.notFound("webhook_delivery");
  return fromDeliveryItem(result.item);
}

/**
 * When the oldest due pending delivery became due (epoch ms), undefined when none is due: the
 * outbox's index sorts pending work by when it is due, so it is the first key up to `now` of
 * each status shard, a Query of one item per shard.
 */
export async function oldestPendingDueAt(now: number): Promise<number | undefined> {
  const firsts = await Promise.all(
    statusShards(DELIVERY_KIND, PENDING).map(async (shard) => {
      const { Items } = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: outboxIndex.indexName,
          KeyConditionExpression: "#pk = :pk AND #sk <= :due",
          ExpressionAttributeNames: { "#pk": outboxIndex.partitionKey, "#sk": outboxIndex.sortKey },
          // Sort keys are `<ISO time>#<id>`: every key of a time at or before now sorts below.
          ExpressionAttributeValues: {
            ":pk": shard,
            ":due": `${new Date(now).toISOString()}#\uffff`,
          },
          ProjectionExpression: "#sk",
          Limit: 1,
        }),
      );
      const sortKey = Items?.[0]?.[outboxIndex.sortKey] as string | undefined;
      return sortKey === undefined ? undefined : Date.parse(sortKey.slice(0, sortKey.indexOf("#")));
    }),
  );
  const due = firsts.filter((at): at is number => at !== undefined);
  return due.length === 0 ? undefined : Math.min(...due);
}
