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

/** The stable reasons a holder may read; any other stored reason is the provider's own text. */
const DETAIL_CODES: readonly string[] = ["no_phone", "opted_out", "sms_disabled"];

// Pending work keeps the error of a failed attempt as last_error: it is not yet "why".
const storedDetailOf = (notification: NotificationState) =>
  notification.status === "pending" ? null : (notification.detail ?? null);

/**
 * Why, as a stable code: the provider's raw error text (AWS messages carry role ARNs and the
 * account id) is never shown to account holders, only `provider_error`.
 */
const detailOf = (notification: NotificationState) => {
  const stored = storedDetailOf(notification);
  if (stored === null || DETAIL_CODES.includes(stored)) return stored;
  return "provider_error";
};

/** The provider's own text, for managers only (`provider_message`). */
const providerMessageOf = (notification: NotificationState) => {
  const stored = storedDetailOf(notification);
  return stored === null || DETAIL_CODES.includes(stored) ? null : stored;
};

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
  provider_message: providerMessageOf(notification),
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

/**
 * A notification given up, as its `notification.failed` event carries it to the operator's
 * endpoints: the manager's view without `provider_message` (the provider's raw text carries role
 * ARNs and the account id: `detail` is the stable code), nor the message text, nor what a
 * swept item read from an index may hold stale (attempts); `updated_at` is when it failed.
 */
export const failedNotificationEventData = (notification: NotificationRecord) => {
  const {
    provider_message: _message,
    text: _text,
    attempts: _attempts,
    provider_message_id: _id,
    sent_at: _sent,
    ...data
  } = notificationViewOf(notification);
  return data;
};
