import { outboxConsumer } from "#platform/outbox/consumer";
import { AUTO_DRAW_LEASE_MS, autoDrawWork, checkBeaconConfiguration } from "#raffles";

// At init: a function whose BEACON could never draw fails its cold start, not its first draw.
checkBeaconConfiguration();

export const handler = outboxConsumer(autoDrawWork(), {
  functionName: "raffles/auto-draw",
  leaseMs: AUTO_DRAW_LEASE_MS,
});
