import { smsWork } from "#notifications/sms-work";
import { outboxConsumer } from "#platform/outbox/consumer";

export const handler = outboxConsumer(smsWork(), { functionName: "notifications/send-sms" });
