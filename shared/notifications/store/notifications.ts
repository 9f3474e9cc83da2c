import { GetCommand } from "@aws-sdk/lib-dynamodb";
import {
  type NewNotification,
  type NotificationRecord,
  type NotificationStatus,
  SMS_KIND,
} from "#notifications/core/notification";
import { batchGetAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";
import type { PageRequest } from "#platform/db/query-page";
import { type ShardedList, shardedPage } from "#platform/db/sharded-page";
import type { TransactItem } from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import { requeueFailedWork } from "#platform/outbox/work-store";
import { idOfListSort, notificationKeys } from "./keys";
import { fromNotificationItem, toNotificationItem } from "./notification-item";

/** One sharded list of notifications: a status's on gsi1, or all of them on gsi2. */
function notificationList(
  index: "gsi1" | "gsi2",
  name: string,
  shards: readonly string[],
  shardOf: (id: string) => string,
): ShardedList {
  const partitionKey = `${index}pk`;
  const sortKey = `${index}sk`;
  return {
    indexName: index,
    partitionKey,
    sortKey,
    name,
    shards,
    startAfter(shard, sort) {
      const id = idOfListSort(sort);
      if (!id || shardOf(id) !== shard) return undefined;
      return { [partitionKey]: shard, [sortKey]: sort, ...notificationKeys.notification(id) };
    },
  };
}

const allNotifications = notificationList(
  "gsi2",
  notificationKeys.allList,
  notificationKeys.allShards,
  notificationKeys.allShard,
);
const byStatus = (status: NotificationStatus) =>
  notificationList(
    "gsi1",
    `${notificationKeys.allList}#${status}`,
    notificationKeys.statusShards(status),
    (id) => notificationKeys.statusShard(status, id),
  );

/** A page of notifications, newest first: those of one status, or all of them. */
export const readNotifications = (page: PageRequest, status?: NotificationStatus) =>
  shardedPage(status ? byStatus(status) : allNotifications, page, fromNotificationItem);

/** One notification by id: one GetItem, or 404 `notification_not_found`. */
export async function readNotification(id: string): Promise<NotificationRecord> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: notificationKeys.notification(id),
      ConsistentRead: true,
    }),
  );
  if (!Item) throw DomainError.notFound("notification");
  return fromNotificationItem(Item);
}

/** Puts a failed notification back to pending (fresh attempts); 409 `not_failed` otherwise. */
export async function requeueNotification(id: string): Promise<NotificationRecord> {
  const result = await requeueFailedWork({
    key: notificationKeys.notification(id),
    kind: SMS_KIND,
    id,
  });
  if (result.outcome === "not_found") throw DomainError.notFound("notification");
  if (result.outcome === "not_failed") {
    throw new DomainError(
      "not_failed",
      `Only a failed notification can be retried; this one is ${String(result.item.status)}`,
    );
  }
  return fromNotificationItem(result.item);
}

/**
 * The write that adds a new notification to a posting's one TransactWriteItems (an outbox
 * entry: new by construction, so never overwriting).
 */
export const putNewNotification = (notification: NewNotification): TransactItem => ({
  Put: {
    TableName: tableName,
    Item: toNotificationItem(notification),
    ConditionExpression: "attribute_not_exists(pk)",
  },
});

/**
 * The stored notifications of these ids, in order: one BatchGetItem (none for no ids); undefined
 * where none is stored.
 */
export async function readNotificationsById(
  ids: readonly string[],
): Promise<(NotificationRecord | undefined)[]> {
  if (ids.length === 0) return [];
  const items = await batchGetAll(ids.map((id) => notificationKeys.notification(id)));
  const byId = new Map(items.map((item) => [item.id as string, item]));
  return ids.map((id) => {
    const item = byId.get(id);
    return item ? fromNotificationItem(item) : undefined;
  });
}
