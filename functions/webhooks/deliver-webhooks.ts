import { outboxConsumer } from "#platform/outbox/consumer";
import { deliveryWork } from "#webhooks";

export const handler = outboxConsumer(deliveryWork(), {
  functionName: "webhooks/deliver-webhooks",
  leaveHeldToDuePass: true,
});
