import type { NotificationRecord, NotificationStatus } from "#notifications/core/notification";
import type { NotificationView, TransactionNotificationView } from "./schemas";

/** A phone number with all but its first three and last two characters hidden. */
export const maskPhone = (phone: string) =>
  phone.length <= 5
    ? "*".repeat(phone.length)
    : `${phone.slice(0, 3)}${"*".repeat(phone.length - 5)}${phone.slice(-2)}`;

/** What a transaction shows of its notification: new (as the posting wrote it) or stored. */
interface NotificationState {
  status: NotificationStatus;
  detail?: string | undefined;
}

// Pending work keeps the error of a failed attempt as last_error: it is not yet "why".
const detailOf = (notification: NotificationState) =>
  notification.status === "pending" ? null : (notification.detail ?? null);

/** A notification as its transaction shows it. */
export const transactionNotificationViewOf = (
  notification: NotificationState,
): TransactionNotificationView => ({
  channel: "sms",
  status: notification.status,
  detail: detailOf(notification),
});

/** A notification as operators see it. */
export const notificationViewOf = (notification: NotificationRecord): NotificationView => ({
  id: notification.id,
  ...transactionNotificationViewOf(notification),
  account_id: notification.accountId,
  transaction_id: notification.transactionId,
  to: notification.to === undefined ? null : maskPhone(notification.to),
  text: notification.text,
  attempts: notification.attempts,
  provider_message_id: notification.providerMessageId ?? null,
  created_at: notification.createdAt,
  updated_at: notification.updatedAt,
  sent_at: notification.sentAt ?? null,
});
