import { countByName, countMetric } from "#platform/observability/invocation-metrics";
import { metricCatalogue } from "#platform/observability/metric-catalogue";
import type { RouteDefinition } from "./route";

/**
 * Counts what one answer of a route says: every route's 503s and 500s, and the business metric
 * the route maps the answer's status to (with the answer's error code as its `reason`).
 */
export function countAnswer(
  route: Pick<RouteDefinition, "answerMetrics">,
  status: number,
  code: string | undefined,
): void {
  if (status === 503) countMetric("ServiceUnavailable");
  if (status === 500) countMetric("InternalErrors");
  const metric = route.answerMetrics?.[status];
  if (!metric) return;
  const byReason = (metricCatalogue[metric].dimensions as readonly string[]).includes("reason");
  countByName(metric, byReason ? { reason: code ?? String(status) } : {});
}
