import { notificationMetrics } from "#notifications/api/metrics";
import { SMS_KIND } from "#notifications/core/notification";
import { notificationFailedWrites } from "#notifications/notification-failed";
import { nowIso } from "#platform/clock";
import type { OutboxWork, WorkOutcome } from "#platform/outbox/consumer";
import { outboxStreamFunction } from "#platform/outbox/stream-function";
import { configuredSmsSender } from "#platform/sms/configured-sender";
import { SmsDisabledError, SmsSendError, type SmsSender } from "#platform/sms/sms-sender";

/** The consumer on the table's stream that sends each pending notification. */
export const sendSmsFunction = outboxStreamFunction({
  kind: SMS_KIND,
  description: "Sends each pending SMS notification once, from the table's stream",
  function: { handler: "notifications/send-sms.ts", sendsSms: true },
  // A give-up is one TransactWriteItems: the failed status and its webhook event (a Put).
  tableActions: ["dynamodb:PutItem"],
});

/**
 * Sending a pending notification: one SendTextMessage (or log line) per claimed attempt,
 * recorded `sent` with the provider's message id. Only errors the provider may get over are
 * retried; a refused number, an opted-out recipient or a missing permission fail at once. A
 * give-up writes the `notification.failed` event in the transaction that records it.
 */
export function smsWork(sender: SmsSender = configuredSmsSender()): OutboxWork {
  return {
    kind: SMS_KIND,
    async perform(item): Promise<WorkOutcome> {
      if (typeof item.to !== "string")
        throw new SmsSendError("NoPhoneNumber", "The notification has no phone number", false);
      let messageId: string;
      try {
        ({ messageId } = await sender.send({
          to: item.to,
          text: item.text as string,
          reference: item.id as string,
        }));
      } catch (error) {
        // A deployment without SMS (API.md): nothing was sent and nothing ever will be.
        if (error instanceof SmsDisabledError)
          return { status: "skipped", attributes: { detail: "sms_disabled" } };
        throw error;
      }
      return {
        status: "sent",
        attributes: { provider_message_id: messageId, sent_at: nowIso() },
      };
    },
    isRetryable: (error) => !(error instanceof SmsSendError) || error.retryable,
    failedWrites: notificationFailedWrites,
    metrics: {
      done: notificationMetrics.NotificationsSent,
      attemptFailed: notificationMetrics.NotificationAttemptsFailed,
      failed: notificationMetrics.NotificationsFailed,
    },
  };
}
