import { randomUUID } from "node:crypto";
import type {
  ScheduledFunctionDefinition,
  StreamFunctionDefinition,
} from "#platform/function-definitions";
import { invocationRunner } from "#platform/observability/invocation-metrics";
import { functionMetricName } from "#platform/observability/service-names";
import type { FailedWrites } from "./consumer";
import { sweepStaleWork } from "./stale-work";

/** The sweeper of stale outbox work (`stale-work.ts`), every five minutes. */
export const outboxSweeperFunction: ScheduledFunctionDefinition = {
  description: "Marks failed the outbox work still pending long after the stream gave it up",
  everyMinutes: 5,
  function: {
    handler: "outbox/sweep-stale-work.ts",
    timeoutSeconds: 60,
    // A Query per status shard on the index; a conditional UpdateItem per stale item, in a
    // TransactWriteItems with a Put of what its kind writes on a give-up (a webhook event).
    tableActions: ["dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:PutItem"],
  },
};

/** The outbox kinds of these stream functions. */
export const outboxKinds = (functions: readonly StreamFunctionDefinition[]) =>
  functions.flatMap((definition) => (definition.outboxKind ? [definition.outboxKind] : []));

/**
 * The sweeper's handler: every kind swept, with what a kind writes on a give-up (`failedWrites`,
 * by kind); how many items each gave up. Platform metrics like every function's.
 */
export function staleWorkSweeper(
  kinds: readonly string[],
  failedWrites: Readonly<Record<string, FailedWrites>> = {},
) {
  const invoke = invocationRunner(functionMetricName(outboxSweeperFunction.function.handler));
  return (_event?: unknown, context?: { awsRequestId?: string }) =>
    invoke(context?.awsRequestId ?? randomUUID(), async () => {
      const swept: Record<string, number> = {};
      for (const kind of kinds) {
        swept[kind] = (await sweepStaleWork(kind, { failedWrites: failedWrites[kind] })).length;
      }
      return swept;
    });
}
