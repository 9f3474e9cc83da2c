import { accountMetrics } from "#accounts";
import { couponMetrics } from "#coupons";
import { ledgerMetrics } from "#ledger";
import { monitoringMetrics } from "#monitoring";
import { notificationMetrics } from "#notifications";
import { platformMetrics } from "#platform/observability/platform-metrics";
import { raffleMetrics } from "#raffles";
import { webhookMetrics } from "#webhooks";

/**
 * Every metric we publish, by name: the dashboard, the alarms, the operations page's table and
 * the tests derive from it. Each is published with the `service` dimension besides its own. A
 * metric is counted in one of two ways: by the answers of a route (its `answerMetrics`), or where
 * the thing happens, by `countMetric` in the domain's code.
 */
export const metricCatalogue = {
  ...platformMetrics,
  ...raffleMetrics,
  ...accountMetrics,
  ...monitoringMetrics,
  ...ledgerMetrics,
  ...couponMetrics,
  ...notificationMetrics,
  ...webhookMetrics,
};

export type MetricName = keyof typeof metricCatalogue;
