import * as z from "zod";
import {
  notificationId,
  notificationStatuses,
  parseNotificationId,
} from "#notifications/core/notification";
import { pageQuery } from "#platform/http/page";
import { pathId } from "#platform/http/path-id";

const status = z.enum(notificationStatuses);

/** A transaction's notification, as the transaction object shows it. */
export const transactionNotificationView = z.object({
  channel: z.literal("sms"),
  status,
  detail: z.string().nullable().meta({
    description:
      "Why, as a stable code: `no_phone`, `opted_out`, `sms_disabled`, `provider_error`; null while pending or once sent",
  }),
});
export type TransactionNotificationView = z.output<typeof transactionNotificationView>;

/** A notification as operators see it. */
export const notificationView = transactionNotificationView
  .extend({
    id: z.string(),
    provider_message: z.string().nullable().meta({
      description: "With `provider_error`: the provider's own error text (managers only)",
    }),
    account_id: z.string(),
    transaction_id: z.string(),
    to: z
      .string()
      .nullable()
      .meta({ description: "The phone number, masked but for its country code and last digits" }),
    text: z.string(),
    attempts: z.number().int(),
    provider_message_id: z.string().nullable(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
    sent_at: z.iso.datetime().nullable(),
  })
  .meta({ id: "Notification" });
export type NotificationView = z.output<typeof notificationView>;

export const notificationsQuery = pageQuery.extend({ status: status.optional() });

export const notificationParams = z.object({
  notification_id: pathId(
    "notification",
    notificationId("a_3q2-7wEjRbmEYBRcXxjZ9w", "tx_1796158840374_000000000001"),
    parseNotificationId,
  ),
});
