import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { scheduledFunctions, streamFunctions } from "#app/functions";
import type { ScheduledFunctionDefinition } from "#platform/function-definitions";
import { logger } from "#platform/observability/logger";
import type { StreamHandler } from "#platform/outbox/consumer";
import { runnerFunctionOf, type StreamRunner, startStreamRunner } from "./stream-runner";

const FUNCTIONS_DIR = join(import.meta.dirname, "../../functions");

/**
 * Runs every stream function of the stack on DynamoDB Local's stream, in this process, each
 * started with the work its outbox kind still has pending (the stream position of a previous
 * run is not kept). Import after the environment is set: the handlers read it when they load.
 */
export async function startLocalStreams(
  endpoint: string,
  tableName: string,
): Promise<StreamRunner> {
  const functions = await Promise.all(
    streamFunctions.map(async (definition) => {
      const module = await import(entryUrl(definition.function.handler));
      return runnerFunctionOf(definition, module.handler as StreamHandler);
    }),
  );
  const runner = await startStreamRunner({
    endpoint,
    tableName,
    functions,
    ...(process.env.STREAM_POLL_MS ? { pollIntervalMs: Number(process.env.STREAM_POLL_MS) } : {}),
  });
  const scheduled = await Promise.all(scheduledFunctions.map(startOnTimer));
  return {
    async stop() {
      for (const timer of scheduled) await timer.stop();
      await runner.stop();
    },
    caughtUp: () => runner.caughtUp(),
  };
}

const entryUrl = (handler: string) => pathToFileURL(join(FUNCTIONS_DIR, handler)).href;

/**
 * Runs a scheduled function as its schedule would, or as often as it looks for work within a
 * run (`passEverySeconds`); `OUTBOX_SWEEP_MS` overrides the period.
 */
async function startOnTimer(definition: ScheduledFunctionDefinition) {
  const module = await import(entryUrl(definition.function.handler));
  const sweep = module.handler as () => Promise<unknown>;
  const periodMs =
    Number(process.env.OUTBOX_SWEEP_MS) ||
    (definition.passEverySeconds ?? definition.everyMinutes * 60) * 1000;
  let running: Promise<unknown> = Promise.resolve();
  const timer = setInterval(() => {
    running = sweep().catch((error: unknown) =>
      logger.warn("scheduled function failed", {
        function: definition.function.handler,
        error: error as Error,
      }),
    );
  }, periodMs);
  timer.unref();
  return {
    async stop() {
      clearInterval(timer);
      await running;
    },
  };
}
