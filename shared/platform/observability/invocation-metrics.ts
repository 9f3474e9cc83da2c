import { AsyncLocalStorage } from "node:async_hooks";
import { Metrics } from "@aws-lambda-powertools/metrics";
import type { MetricDefinition, MetricDimension } from "./metrics";
import { platformMetrics } from "./platform-metrics";
import { METRICS_NAMESPACE, SERVICE_NAME } from "./service-names";

type Dimensions = Record<string, string>;

/** The metrics one invocation has counted so far, summed by metric and dimension values. */
interface Invocation {
  functionName: string;
  requestId: string;
  counts: Map<string, { metric: MetricDefinition; dimensions: Dimensions; value: number }>;
}

// The local gateway runs many invocations in one process at once: each counts into its own
// record, found through the async context, never into a buffer another request could flush.
const current = new AsyncLocalStorage<Invocation>();

/** Runs one invocation of a function; what it counted is published as EMF when it ends. */
export async function withInvocationMetrics<T>(
  functionName: string,
  requestId: string,
  run: () => Promise<T>,
): Promise<T> {
  const invocation: Invocation = { functionName, requestId, counts: new Map() };
  try {
    return await current.run(invocation, run);
  } finally {
    publish(invocation);
  }
}

/**
 * A runner of a function's invocations that counts `ColdStart` on its first: in Lambda each
 * execution environment loads the function once, as the local gateway loads each handler once.
 */
export function invocationRunner(functionName: string) {
  let cold = true;
  return <T>(requestId: string, run: () => Promise<T>): Promise<T> =>
    withInvocationMetrics(functionName, requestId, () => {
      if (cold) {
        cold = false;
        countMetric(platformMetrics.ColdStart);
      }
      return run();
    });
}

type CountArguments<D extends MetricDimension> = [Exclude<D, "function">] extends [never]
  ? [value?: number]
  : [dimensions: Record<Exclude<D, "function">, string>, value?: number];

/**
 * Counts `value` (default 1) of a metric in the current invocation; the invocation gives the
 * `function` dimension. Outside any invocation (a script or a test calling domain code directly)
 * nothing is counted: every function's entry point runs inside one.
 */
export function countMetric<D extends MetricDimension>(
  metric: MetricDefinition<D>,
  ...args: CountArguments<D>
): void {
  const [dimensions, value] = (typeof args[0] === "object" ? args : [{}, args[0]]) as [
    Dimensions,
    number | undefined,
  ];
  const invocation = current.getStore();
  if (!invocation || value === 0) return;
  const all: Dimensions = (metric.dimensions as readonly string[]).includes("function")
    ? { ...dimensions, function: invocation.functionName }
    : dimensions;
  const key = JSON.stringify([metric.name, all]);
  const counted = invocation.counts.get(key);
  if (counted) counted.value += value ?? 1;
  else invocation.counts.set(key, { metric, dimensions: all, value: value ?? 1 });
}

let writer: { metrics: Metrics; disabledSetting: string | undefined } | undefined;

/** The process's one EMF writer; made again when POWERTOOLS_METRICS_DISABLED changes (tests). */
function metricsWriter(): Metrics {
  const disabledSetting = process.env.POWERTOOLS_METRICS_DISABLED;
  if (!writer || writer.disabledSetting !== disabledSetting) {
    const metrics = new Metrics({ namespace: METRICS_NAMESPACE, serviceName: SERVICE_NAME });
    writer = { metrics, disabledSetting };
  }
  return writer.metrics;
}

/**
 * One EMF line per set of dimensions, each with the invocation's request id, written in one
 * synchronous pass: no other invocation's metrics can slip into the shared writer meanwhile.
 */
function publish(invocation: Invocation) {
  if (invocation.counts.size === 0) return;
  const byDimensions = new Map<
    string,
    { dimensions: Dimensions; counted: [MetricDefinition, number][] }
  >();
  for (const { metric, dimensions, value } of invocation.counts.values()) {
    const key = JSON.stringify(Object.entries(dimensions).sort());
    const group = byDimensions.get(key) ?? { dimensions, counted: [] };
    group.counted.push([metric, value]);
    byDimensions.set(key, group);
  }
  const metrics = metricsWriter();
  for (const { dimensions, counted } of byDimensions.values()) {
    for (const [dimension, value] of Object.entries(dimensions)) {
      metrics.addDimension(dimension, value);
    }
    for (const [metric, value] of counted) metrics.addMetric(metric.name, metric.unit, value);
    metrics.addMetadata("request_id", invocation.requestId);
    metrics.publishStoredMetrics();
  }
}
