import { randomUUID } from "node:crypto";
import type { StreamFunctionDefinition } from "#platform/function-definitions";
import type { TableAction } from "#platform/http/route";
import { invocationRunner } from "#platform/observability/invocation-metrics";
import { sweepStaleWork } from "./stale-work";

/** A function run on a schedule: the CDK stack builds it with its rule, `npm start` runs it on a timer. */
export interface ScheduledFunctionDefinition {
  /** The Lambda entry point, relative to `functions/`. */
  handler: string;
  description: string;
  everyMinutes: number;
  timeoutSeconds: number;
  /** Least privilege: exactly the table actions the function performs. */
  tableActions: TableAction[];
}

/** The sweeper of stale outbox work (`stale-work.ts`), every five minutes. */
export const outboxSweeperFunction: ScheduledFunctionDefinition = {
  handler: "outbox/sweep-stale-work.ts",
  description: "Marks failed the outbox work still pending long after the stream gave it up",
  everyMinutes: 5,
  timeoutSeconds: 60,
  // A Query per status shard on the index; a conditional UpdateItem per stale item.
  tableActions: ["dynamodb:Query", "dynamodb:UpdateItem"],
};

/** The outbox kinds of these stream functions. */
export const outboxKinds = (functions: readonly StreamFunctionDefinition[]) =>
  functions.flatMap((definition) => (definition.outboxKind ? [definition.outboxKind] : []));

/** The sweeper's handler: every kind swept; how many items each gave up. Platform metrics like every function's. */
export function staleWorkSweeper(kinds: readonly string[]) {
  const invoke = invocationRunner(outboxSweeperFunction.handler.replace(/\.ts$/, ""));
  return (_event?: unknown, context?: { awsRequestId?: string }) =>
    invoke(context?.awsRequestId ?? randomUUID(), async () => {
      const swept: Record<string, number> = {};
      for (const kind of kinds) swept[kind] = (await sweepStaleWork(kind)).length;
      return swept;
    });
}
