import type {
  NewNotification,
  NotificationRecord,
  NotificationStatus,
} from "#notifications/core/notification";
import { SMS_KIND } from "#notifications/core/notification";
import {
  composeNotification,
  type NotifiedAccount,
  type NotifiedTransaction,
} from "#notifications/core/transaction-sms";
import { key } from "#platform/db/keys";
import { workAttributes } from "#platform/outbox/work-item";
import { notificationKeys } from "./keys";

type Item = Record<string, unknown>;

/**
 * The item of a new notification: an outbox work item (pending, or already final as skipped),
 * on the outbox's per-status list (gsi1) and on the list of all notifications (gsi2). Only the
 * outbox changes it afterwards (claims, attempts, the final status).
 */
export function toNotificationItem(notification: NewNotification) {
  const { id, createdAt } = notification;
  return {
    ...notificationKeys.notification(id),
    type: "notification",
    id,
    channel: "sms",
    account_id: notification.accountId,
    transaction_id: notification.transactionId,
    ...(notification.to === undefined ? {} : { to: notification.to }),
    text: notification.text,
    ...workAttributes({
      kind: SMS_KIND,
      id,
      createdAt,
      status: notification.status,
      ...(notification.detail === undefined ? {} : { detail: notification.detail }),
    }),
    gsi2pk: notificationKeys.allShard(id),
    gsi2sk: key(createdAt, id),
  };
}

/** The notification a stored item holds, as its attempts have left it. */
export const fromNotificationItem = (item: Item): NotificationRecord => ({
  id: item.id as string,
  accountId: item.account_id as string,
  transactionId: item.transaction_id as string,
  to: typeof item.to === "string" ? item.to : undefined,
  text: item.text as string,
  status: item.status as NotificationStatus,
  detail: item.detail as string | undefined,
  attempts: item.attempts as number,
  providerMessageId: item.provider_message_id as string | undefined,
  createdAt: item.created_at as string,
  updatedAt: item.updated_at as string,
  sentAt: item.sent_at as string | undefined,
});

/** The stored item of a transaction's notification, as the posting writes it. */
export const notificationItem = (account: NotifiedAccount, transaction: NotifiedTransaction) =>
  toNotificationItem(composeNotification(account, transaction));
