import { countMetric } from "#platform/observability/invocation-metrics";
import type { MetricDefinition } from "#platform/observability/metrics";
import { platformMetrics } from "#platform/observability/platform-metrics";
import type { HttpContract } from "./route";

/**
 * Counts what one answer of a route says: every route's 503s and 500s, and the business metric
 * the route maps the answer's status to (with the answer's error code as its `reason`).
 */
export function countAnswer(
  route: Pick<HttpContract, "answerMetrics">,
  status: number,
  code: string | undefined,
): void {
  if (status === 503) countMetric(platformMetrics.ServiceUnavailable);
  if (status === 500) countMetric(platformMetrics.InternalErrors);
  const metric: MetricDefinition | undefined = route.answerMetrics?.[status];
  if (!metric) return;
  if ((metric.dimensions as readonly string[]).includes("reason")) {
    countMetric(metric as MetricDefinition<"reason">, { reason: code ?? String(status) });
  } else {
    countMetric(metric as MetricDefinition<never>);
  }
}
