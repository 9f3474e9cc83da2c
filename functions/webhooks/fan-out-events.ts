import { outboxConsumer } from "#platform/outbox/consumer";
import { fanOutWork } from "#webhooks";

export const handler = outboxConsumer(fanOutWork(), {
  functionName: "webhooks/fan-out-events",
  leaveHeldToDuePass: true,
});
