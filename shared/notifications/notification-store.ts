import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { NotificationView } from "#notifications/api/schemas";
import { db, tableName } from "#platform/db/client";
import type { PageRequest } from "#platform/db/query-page";
import { type ShardedList, shardedPage } from "#platform/db/sharded-page";
import { DomainError } from "#platform/errors";
import { requeueFailedWork } from "#platform/outbox/work-store";
import { idOfListSort, type NotificationStatus, notificationKeys, SMS_KIND } from "./keys";
import { notificationViewOf } from "./views";

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
export const listNotifications = (page: PageRequest, status?: NotificationStatus) =>
  shardedPage(status ? byStatus(status) : allNotifications, page, notificationViewOf);

/** One notification by id: one GetItem, or 404 `notification_not_found`. */
export async function getNotification(id: string): Promise<NotificationView> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: notificationKeys.notification(id),
      ConsistentRead: true,
    }),
  );
  if (!Item) throw DomainError.notFound("notification");
  return notificationViewOf(Item);
}

/** Sends a failed notification again (pending, fresh attempts); 409 `not_failed` otherwise. */
export async function retryNotification(id: string): Promise<NotificationView> {
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
  return notificationViewOf(result.item);
}
