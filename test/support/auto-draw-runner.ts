// The auto-draw stream function on DynamoDB Local's real stream, run by the local stream runner
// as `npm start` runs it: started with the auto-draw work still pending (a restarted runner has
// no stream position). Free of vitest: the tests and the auto-draw process share it.
import { outboxConsumer } from "#platform/outbox/consumer";
import { AUTO_DRAW_LEASE_MS, autoDrawFunction, autoDrawWork } from "#raffles";
import { runnerFunctionOf, startStreamRunner } from "../../infra/local/stream-runner";

/** Runs the auto-draw function on this process's table; `leaseMs` shortens its claims (tests). */
export function startAutoDrawRunner(leaseMs = AUTO_DRAW_LEASE_MS) {
  const handler = outboxConsumer(autoDrawWork(), { leaseMs, functionName: "raffles/auto-draw" });
  return startStreamRunner({
    endpoint: process.env.DYNAMODB_ENDPOINT as string,
    tableName: process.env.TABLE_NAME as string,
    pollIntervalMs: 50,
    functions: [runnerFunctionOf(autoDrawFunction, handler)],
  });
}
