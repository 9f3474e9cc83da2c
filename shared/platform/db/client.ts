import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { countMetric } from "#platform/observability/invocation-metrics";
import { platformMetrics } from "#platform/observability/platform-metrics";
import { dynamoDbClientConfig } from "./client-config";
import { retryTransientErrors } from "./retry-middleware";

/** The name of the one table, from the environment (set by the stack or the local runtime). */
export const tableName = process.env.TABLE_NAME ?? "tombola";

/** DynamoDB requests sent by this process, by command name: tests and benchmarks read it. */
export const requestCounter = {
  total: 0,
  byCommand: {} as Record<string, number>,
  reset() {
    this.total = 0;
    this.byCommand = {};
  },
};

const lowLevelClient = new DynamoDBClient(dynamoDbClientConfig(process.env.DYNAMODB_ENDPOINT));

/** Attempts so far of each command sent: its middleware context is the command's own. */
const attempts = new WeakMap<object, number>();

// Inside the SDK's retry loop (finalizeRequest) and under ours (initialize): it sees every
// attempt, and every attempt of a command after its first is a retry, the SDK's or ours.
lowLevelClient.middlewareStack.add(
  (next, context) => async (args) => {
    requestCounter.total++;
    const name = context.commandName ?? "unknown";
    requestCounter.byCommand[name] = (requestCounter.byCommand[name] ?? 0) + 1;
    const attempt = (attempts.get(context) ?? 0) + 1;
    attempts.set(context, attempt);
    if (attempt > 1) countMetric(platformMetrics.StoreRetries);
    return next(args);
  },
  { step: "finalizeRequest", name: "countRequests" },
);
// The SDK's logger middleware builds a filtered copy of every request's input and output for a
// log line even when no logger is configured (we configure none): about 4 % of the local
// runtime's CPU under load (a profile of 32 clients posting events), for nothing.
lowLevelClient.middlewareStack.remove("loggerMiddleware");
lowLevelClient.middlewareStack.add(retryTransientErrors(), {
  step: "initialize",
  name: "retryTransientErrors",
});

// The stack's `Tracing` parameter turns this on. The X-Ray tracer would double a bundle's size,
// so esbuild is not let follow this import: a deployed function carries it as `tracing.mjs`
// beside its bundle (infra/tracing-module.ts), and loads it only when tracing is on.
if (process.env.POWERTOOLS_TRACE_ENABLED === "true") {
  const fromSource = import.meta.url.endsWith(".ts");
  const tracing = new URL(fromSource ? "./tracing.ts" : "./tracing.mjs", import.meta.url);
  const { traceDynamoDb }: typeof import("./tracing") = await import(tracing.href);
  traceDynamoDb(lowLevelClient);
}

/** The process's one DynamoDB document client (reused across invocations). */
export const db = DynamoDBDocumentClient.from(lowLevelClient, {
  marshallOptions: { removeUndefinedValues: true },
});
