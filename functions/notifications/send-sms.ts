import { smsWork } from "#notifications";
import { outboxConsumer } from "#platform/outbox/consumer";

export const handler = outboxConsumer(smsWork(), { functionName: "notifications/send-sms" });
