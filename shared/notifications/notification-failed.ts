import { failedNotificationEventData } from "#notifications/api/views";
import { fromNotificationItem } from "#notifications/store/notification-item";
import type { FailedWrites } from "#platform/outbox/consumer";
import { webhookEventPut } from "#webhooks";

/**
 * What the give-up of an SMS writes in the very transaction that records it `failed` (the
 * consumer after the last attempt or an error not worth retrying, the stale sweeper): the
 * `notification.failed` webhook event, so no failure goes unannounced and no event announces a
 * failure that was not recorded.
 */
export const notificationFailedWrites: FailedWrites = (item, detail, now) => [
  webhookEventPut(
    "notification.failed",
    failedNotificationEventData(
      fromNotificationItem({
        ...item,
        status: "failed",
        detail,
        updated_at: new Date(now).toISOString(),
      }),
    ),
    now,
  ),
];
