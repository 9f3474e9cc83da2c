import { Duration } from "aws-cdk-lib";
import type { IHttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  Dashboard,
  GraphWidget,
  type IMetric,
  type IWidget,
  Metric,
  SearchExpression,
  TextWidget,
} from "aws-cdk-lib/aws-cloudwatch";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { type MetricName, metricCatalogue } from "#app/metrics";
import { tableDefinition } from "#platform/db/table-definition";
import { functionMetricName, METRICS_NAMESPACE } from "#platform/observability/service-names";
import { STORE_OPERATIONS } from "./alarms";
import { serviceNameOf } from "./stage";
import type { StreamFunction } from "./stream-function";
import type { TableFunction } from "./table-function";

const PERIOD = Duration.minutes(5);
const WIDTH = 8;
const HEIGHT = 6;

/**
 * One of our metrics as the dashboard draws it: a line, or a line per dimension value (a
 * search, so each `reason`, `code` or `function` seen appears without being listed here).
 */
export function catalogueMetric(name: MetricName, service: string): IMetric {
  const dimensions = metricCatalogue[name].dimensions as readonly string[];
  if (dimensions.length === 0) {
    return new Metric({
      namespace: METRICS_NAMESPACE,
      metricName: name,
      dimensionsMap: { service },
      // A duration (an age) is watched by its maximum; a count by its sum.
      statistic: metricCatalogue[name].unit === "Milliseconds" ? "Maximum" : "Sum",
      period: PERIOD,
      label: name,
    });
  }
  const schema = [METRICS_NAMESPACE, "service", ...dimensions].join(",");
  return new SearchExpression({
    expression: `SEARCH('{${schema}} MetricName="${name}" service="${service}"', 'Sum', ${PERIOD.toSeconds()})`,
    label: "",
    period: PERIOD,
  });
}

const graph = (title: string, left: IMetric[], width = WIDTH) =>
  new GraphWidget({ title, left, width, height: HEIGHT, period: PERIOD });

/** The widgets of a domain's row: one graph per catalogue metric of that domain. */
const domainRow = (domain: string, service: string) =>
  (Object.keys(metricCatalogue) as MetricName[])
    .filter((name) => metricCatalogue[name].domain === domain)
    .map((name) => graph(name, [catalogueMetric(name, service)], 6));

export interface ServiceDashboardProps {
  api: IHttpApi;
  table: ITable;
  functions: readonly TableFunction[];
  streamFunctions: readonly StreamFunction[];
  /** The on-failure queue every stream function shares. */
  streamOnFailure: IQueue;
}

/** The one dashboard: the API, our functions, each domain's business metrics, the table, the stream. */
export class ServiceDashboard extends Construct {
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props: ServiceDashboardProps) {
    super(scope, id);
    const { api, table, functions, streamFunctions, streamOnFailure } = props;
    const service = serviceNameOf(this);
    const lambda = (metric: "Errors" | "Throttles") =>
      functions.map((fn) =>
        fn.function.metric(metric, {
          statistic: "Sum",
          period: PERIOD,
          label: functionMetricName(fn.handler),
        }),
      );
    const byOperation = (metric: string, statistic: string) =>
      STORE_OPERATIONS.map((operation) =>
        table.metric(metric, {
          statistic,
          period: PERIOD,
          label: operation,
          dimensionsMap: { TableName: table.tableName, Operation: operation },
        }),
      );
    const domains = [
      ...new Set(Object.values(metricCatalogue).map((metric) => metric.domain)),
    ].filter((domain) => domain !== "platform");
    const rows: IWidget[][] = [
      [
        new TextWidget({
          markdown:
            "# Tombola\nEvery alarm has a runbook in `docs/operations.md`; every metric of ours is described there.",
          width: 24,
          height: 2,
        }),
      ],
      [
        graph("API requests", [api.metricCount({ statistic: "Sum", period: PERIOD })]),
        graph("API 4xx and 5xx", [
          api.metricClientError({ statistic: "Sum", period: PERIOD }),
          api.metricServerError({ statistic: "Sum", period: PERIOD }),
        ]),
        graph("API latency (p50, p99)", [
          api.metricLatency({ statistic: "p50", period: PERIOD }),
          api.metricLatency({ statistic: "p99", period: PERIOD }),
        ]),
      ],
      [
        graph("Function errors", lambda("Errors"), 12),
        graph("Function throttles", lambda("Throttles"), 12),
      ],
      domainRow("platform", service),
      ...domains.map((domain) => domainRow(domain, service)),
      [
        graph(
          "Table consumed capacity",
          [
            table.metricConsumedReadCapacityUnits({ period: PERIOD }),
            table.metricConsumedWriteCapacityUnits({ period: PERIOD }),
          ],
          6,
        ),
        graph(
          "Table throttle events",
          [undefined, ...tableDefinition.globalIndexes.map((index) => index.indexName)].flatMap(
            (index) =>
              (["Read", "Write"] as const).map((kind) =>
                table.metric(`${kind}ThrottleEvents`, {
                  statistic: "Sum",
                  period: PERIOD,
                  label: `${kind} ${index ?? "table"}`,
                  ...(index
                    ? {
                        dimensionsMap: {
                          TableName: table.tableName,
                          GlobalSecondaryIndexName: index,
                        },
                      }
                    : {}),
                }),
              ),
          ),
          6,
        ),
        graph("Table server errors", byOperation("SystemErrors", "Sum"), 6),
        graph("Table latency (p99 ms)", byOperation("SuccessfulRequestLatency", "p99"), 6),
      ],
      [
        ...streamFunctions.map((fn) =>
          graph(`${functionMetricName(fn.handler)}: iterator age (max ms)`, [
            fn.function.metric("IteratorAge", { statistic: "Maximum", period: PERIOD }),
          ]),
        ),
        // One queue for every stream function: its messages name the function that gave up.
        graph("Stream records never processed (all stream functions)", [
          streamOnFailure.metricApproximateNumberOfMessagesVisible({
            statistic: "Maximum",
            period: PERIOD,
          }),
        ]),
      ],
    ];
    this.dashboard = new Dashboard(this, "Dashboard", {
      defaultInterval: Duration.hours(3),
      widgets: rows,
    });
  }
}
