import { smsWork } from "../../shared/notifications/sms-work";
import { outboxConsumer } from "../../shared/outbox/consumer";

export const handler = outboxConsumer(smsWork(), { functionName: "notifications/send-sms" });
