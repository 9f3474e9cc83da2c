/**
 * A notification: the SMS of one posted transaction, an outbox item sent by the `sms` consumer.
 * Its id names its transaction (`nt_<account id>_<transaction id>`).
 */

/** The outbox kind of SMS notifications: the consumer, the filter and the lists use it. */
export const SMS_KIND = "sms";

/** The statuses of a notification. */
export const notificationStatuses = ["pending", "sent", "failed", "skipped"] as const;
export type NotificationStatus = (typeof notificationStatuses)[number];

const ID_PATTERN = /^nt_[A-Za-z0-9_-]{1,200}$/;

/** The id of the notification of one transaction of one account. */
export const notificationId = (accountId: string, transactionId: string) =>
  `nt_${accountId}_${transactionId}`;

/** The id as given when it can name a notification; undefined when it cannot. */
export const parseNotificationId = (id: string) => (ID_PATTERN.test(id) ? id : undefined);

/** A notification as a posting creates it: pending, or already skipped with its reason. */
export interface NewNotification {
  id: string;
  accountId: string;
  transactionId: string;
  /** The phone number it goes to; absent when skipped. */
  to?: string;
  /** Rendered at posting time, so a later change of name cannot alter what a posting said. */
  text: string;
  status: "pending" | "skipped";
  detail?: "no_phone" | "opted_out";
  /** ISO time of the posting. */
  createdAt: string;
}

/** A stored notification, as its outbox attempts have left it. */
export interface NotificationRecord {
  id: string;
  accountId: string;
  transactionId: string;
  to: string | undefined;
  text: string;
  status: NotificationStatus;
  /** `no_phone`, `opted_out`, the provider's error after the last attempt; or the last failed attempt's while pending. */
  detail: string | undefined;
  attempts: number;
  providerMessageId: string | undefined;
  createdAt: string;
  updatedAt: string;
  sentAt: string | undefined;
}
