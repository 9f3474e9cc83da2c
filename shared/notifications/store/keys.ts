/**
 * Notifications' items in the one table. A notification is an outbox item
 * (`#platform/outbox/work-item`): it is written in the posting's own transaction and sent by
 * the `sms` stream consumer.
 *
 * | item         | pk                    | sk             | gsi1pk / gsi1sk                                  | gsi2pk / gsi2sk                         |
 * |--------------|-----------------------|----------------|--------------------------------------------------|-----------------------------------------|
 * | notification | `NOTIFICATION#<id>`   | `NOTIFICATION` | `OUTBOX#sms#<status>#<shard>` / `<created_at>#<id>` | `NOTIFICATIONS#<shard>` / `<created_at>#<id>` |
 *
 * - Attributes (`notification-item.ts`): id, channel (`sms`), account_id, transaction_id, `to`
 *   (E.164, absent when the account had no phone), text (rendered at posting time, so a later change of name cannot
 *   alter what a posting said), status (`pending`, `sent`, `failed`, `skipped`), detail
 *   (`no_phone`, `opted_out`, or the provider's error after the last attempt),
 *   provider_message_id and sent_at once sent, and the outbox's attempts/lease/claim fields
 *   (see the outbox). No TTL (`expires_at_epoch` is never set): a notification is kept.
 * - The id names its transaction: `nt_<account id>_<transaction id>`, so a transaction's
 *   notification is found without a lookup (its key is read in the same BatchGetItem as the
 *   transaction) and a read by id is one GetItem. One partition per notification: no hot key.
 * - By status, newest first: gsi1, the outbox's per-status lists, 8 shards each (by a hash of
 *   the id). All statuses, newest first: gsi2, 8 shards, written once at creation (its keys
 *   never change). Both are read as a merge of the shards' descending Queries: one index
 *   partition would cap notifications at ~1,000 writes per second.
 */
import {
  type NotificationStatus,
  parseNotificationId,
  SMS_KIND,
} from "#notifications/core/notification";
import { key } from "#platform/db/keys";
import {
  idOfStatusSort,
  statusPartition,
  statusShards,
  WORK_SHARDS,
  workShard,
} from "#platform/outbox/work-item";

const ALL_LIST = key("NOTIFICATIONS");

export const notificationKeys = {
  notification: (id: string) => ({ pk: key("NOTIFICATION", id), sk: "NOTIFICATION" }),
  /** The gsi2 shard of all notifications that holds this one. */
  allShard: (id: string) => key(ALL_LIST, workShard(id)),
  allList: ALL_LIST,
  allShards: Array.from({ length: WORK_SHARDS }, (_, shard) => key(ALL_LIST, shard)),
  statusShards: (status: NotificationStatus) => statusShards(SMS_KIND, status),
  statusShard: (status: NotificationStatus, id: string) => statusPartition(SMS_KIND, status, id),
};

/** The notification id a sort key of either list names (same form: `<created_at>#<id>`). */
export const idOfListSort = (sortKey: string) => {
  const id = idOfStatusSort(sortKey);
  return id === undefined ? undefined : parseNotificationId(id);
};
