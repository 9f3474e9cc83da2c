import type { NotificationView, TransactionNotificationView } from "#notifications/api/schemas";
import type { NotificationStatus } from "./keys";

/** A phone number with all but its first three and last two characters hidden. */
export const maskPhone = (phone: string) =>
  phone.length <= 5
    ? "*".repeat(phone.length)
    : `${phone.slice(0, 3)}${"*".repeat(phone.length - 5)}${phone.slice(-2)}`;

/** The stable reasons a holder may read; any other stored reason is the provider's own text. */
const DETAIL_CODES: readonly string[] = ["no_phone", "opted_out", "sms_disabled"];

// Pending work keeps the error of a failed attempt as last_error: it is not yet "why".
const storedDetailOf = (item: Record<string, unknown>) =>
  item.status === "pending" ? null : ((item.detail as string | undefined) ?? null);

/**
 * Why, as a stable code: the provider's raw error text (AWS messages carry role ARNs and the
 * account id) is never shown to account holders, only `provider_error`.
 */
const detailOf = (item: Record<string, unknown>) => {
  const stored = storedDetailOf(item);
  if (stored === null || DETAIL_CODES.includes(stored)) return stored;
  return "provider_error";
};

/** The provider's own text, for managers only (`provider_message`). */
const providerMessageOf = (item: Record<string, unknown>) => {
  const stored = storedDetailOf(item);
  return stored === null || DETAIL_CODES.includes(stored) ? null : stored;
};

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
  provider_message: providerMessageOf(item),
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
