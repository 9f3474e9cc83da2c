import type { NotificationView, TransactionNotificationView } from "#notifications/api/schemas";
import type { NotificationStatus } from "./keys";

/** A phone number with all but its first three and last two characters hidden. */
export const maskPhone = (phone: string) =>
  phone.length <= 5
    ? "*".repeat(phone.length)
    : `${phone.slice(0, 3)}${"*".repeat(phone.length - 5)}${phone.slice(-2)}`;

// Pending work keeps the error of a failed attempt as last_error: it is not yet "why".
const detailOf = (item: Record<string, unknown>) =>
  item.status === "pending" ? null : ((item.detail as string | undefined) ?? null);

/** A notification item as its transaction shows it. */
export const transactionNotificationOf = (
  item: Record<string, unknown>,
): TransactionNotificationView => ({
  channel: "sms",
  status: item.status as NotificationStatus,
  detail: detailOf(item),
});

/** A notification item as operators see it. */
export const notificationViewOf = (item: Record<string, unknown>): NotificationView => ({
  id: item.id as string,
  ...transactionNotificationOf(item),
  account_id: item.account_id as string,
  transaction_id: item.transaction_id as string,
  to: typeof item.to === "string" ? maskPhone(item.to) : null,
  text: item.text as string,
  attempts: item.attempts as number,
  provider_message_id: (item.provider_message_id as string | undefined) ?? null,
  created_at: item.created_at as string,
  updated_at: item.updated_at as string,
  sent_at: (item.sent_at as string | undefined) ?? null,
});
