import type { FunctionDeployment, StreamFunctionDefinition } from "#platform/function-definitions";
import { outboxFilters } from "./stream-filter";

/**
 * The stream function of one kind of outbox work, with the outbox's filter and delivery
 * settings. Its retries must outnumber the consumer's attempts (each failed attempt is one
 * redelivery), so that the consumer records `failed` before the stream gives a record up.
 * `tableActions` are what the work itself does besides the outbox's own writes.
 */
export function outboxStreamFunction(definition: {
  kind: string;
  description: string;
  function: Pick<FunctionDeployment, "handler" | "sendsSms" | "memoryMiB">;
  /** Statuses a re-queue takes work back from (default: failed only). */
  requeueFrom?: readonly string[];
  /** Table actions the work itself needs besides the outbox's own UpdateItem. */
  tableActions?: FunctionDeployment["tableActions"];
  timeoutSeconds?: number;
}): StreamFunctionDefinition {
  return {
    description: definition.description,
    stream: {
      filters: outboxFilters(definition.kind, definition.requeueFrom),
      batchSize: 10,
      maxRetryAttempts: 10,
      maxRecordAgeSeconds: 6 * 3600,
    },
    outboxKind: definition.kind,
    function: {
      ...definition.function,
      timeoutSeconds: definition.timeoutSeconds ?? 60,
      // Claims, releases and results are conditional UpdateItems of the work item.
      tableActions: [
        "dynamodb:UpdateItem",
        ...(definition.tableActions ?? []).filter((action) => action !== "dynamodb:UpdateItem"),
      ],
    },
  };
}
