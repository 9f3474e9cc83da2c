import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { StreamHandler } from "../../shared/outbox/consumer";
import { pendingWork } from "../../shared/outbox/pending-work";
import { streamFunctions } from "../../shared/stream-functions";
import { type StreamRunner, startStreamRunner } from "./stream-runner";

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
      const module = await import(pathToFileURL(join(FUNCTIONS_DIR, definition.handler)).href);
      const kind = definition.outboxKind;
      return {
        ...definition,
        name: definition.handler,
        handler: module.handler as StreamHandler,
        ...(kind ? { backlog: () => pendingWork(kind) } : {}),
      };
    }),
  );
  return startStreamRunner({
    endpoint,
    tableName,
    functions,
    ...(process.env.STREAM_POLL_MS ? { pollIntervalMs: Number(process.env.STREAM_POLL_MS) } : {}),
  });
}
