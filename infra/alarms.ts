import { Duration } from "aws-cdk-lib";
import type { IHttpApi } from "aws-cdk-lib/aws-apigatewayv2";
import {
  Alarm,
  ComparisonOperator,
  type IMetric,
  MathExpression,
  Metric,
  TreatMissingData,
} from "aws-cdk-lib/aws-cloudwatch";
import { SnsAction } from "aws-cdk-lib/aws-cloudwatch-actions";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { ITopic } from "aws-cdk-lib/aws-sns";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { Construct } from "constructs";
import { tableDefinition } from "#platform/db/table-definition";
import { functionMetricName, METRICS_NAMESPACE } from "#platform/observability/service-names";
import { type AlarmKind, alarmDescription } from "./alarm-kinds";
import { serviceNameOf } from "./stage";
import type { StreamFunction } from "./stream-function";
import type { TableFunction } from "./table-function";

/** The DynamoDB operations our code sends (a test keeps this equal to the commands it uses). */
export const STORE_OPERATIONS = [
  "GetItem",
  "BatchGetItem",
  "Query",
  "PutItem",
  "UpdateItem",
  "DeleteItem",
  "BatchWriteItem",
  "TransactWriteItems",
] as const;

export interface ServiceAlarmsProps {
  topic: ITopic;
  api: IHttpApi;
  table: ITable;
  /** Every function of the stack; those on the stream also get their stream's alarms. */
  functions: readonly TableFunction[];
  streamFunctions: readonly StreamFunction[];
  /** The on-failure queue every stream function shares. */
  streamOnFailure: IQueue;
}

const FIVE_MINUTES = Duration.minutes(5);

/** Functions watched by one error alarm: 2 metrics each, and an alarm's math takes at most 10. */
export const FUNCTIONS_PER_ERROR_ALARM = 5;

/** Every alarm of the stack, each notifying the topic when it fires and when it clears. */
export class ServiceAlarms extends Construct {
  readonly alarms: Alarm[] = [];

  constructor(scope: Construct, id: string, props: ServiceAlarmsProps) {
    super(scope, id);
    const { api, table } = props;
    const alarm = (alarmId: string, kind: AlarmKind, what: string, metric: IMetric, rest = {}) =>
      this.add(
        new Alarm(this, alarmId, {
          alarmDescription: alarmDescription(kind, what),
          metric,
          threshold: 1,
          evaluationPeriods: 1,
          comparisonOperator: ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          treatMissingData: TreatMissingData.NOT_BREACHING,
          ...rest,
        }),
        props.topic,
      );

    alarm(
      "Api5xxRate",
      "apiErrors",
      "The API's 5xx answers",
      new MathExpression({
        expression: "IF(requests >= 20, 100 * errors / requests, 0)",
        usingMetrics: {
          errors: api.metricServerError({ period: FIVE_MINUTES, statistic: "Sum" }),
          requests: api.metricCount({ period: FIVE_MINUTES, statistic: "Sum" }),
        },
        period: FIVE_MINUTES,
        label: "5xx %",
      }),
      { comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD },
    );

    // Failed or throttled invocations of every function, five functions to an alarm: a metric
    // math alarm takes at most 10 metrics, and CloudFormation at most 500 resources a stack
    // (one alarm per function put the stack over it).
    for (let first = 0; first < props.functions.length; first += FUNCTIONS_PER_ERROR_ALARM) {
      const group = props.functions.slice(first, first + FUNCTIONS_PER_ERROR_ALARM);
      const usingMetrics = Object.fromEntries(
        group.flatMap((fn, i) => [
          [`errors${i}`, fn.function.metricErrors({ period: FIVE_MINUTES, statistic: "Sum" })],
          [
            `throttles${i}`,
            fn.function.metricThrottles({ period: FIVE_MINUTES, statistic: "Sum" }),
          ],
        ]),
      );
      alarm(
        `FunctionErrors${first / FUNCTIONS_PER_ERROR_ALARM + 1}`,
        "functionErrors",
        `Failed or throttled invocations of ${group.map((fn) => functionMetricName(fn.handler)).join(", ")}`,
        new MathExpression({
          expression: Object.keys(usingMetrics).join(" + "),
          usingMetrics,
          period: FIVE_MINUTES,
          label: "errors + throttles",
        }),
      );
    }

    const throttleEvents = Object.fromEntries(
      [undefined, ...tableDefinition.globalIndexes.map((index) => index.indexName)].flatMap(
        (index, i) =>
          (["Read", "Write"] as const).map((kind) => [
            `${kind.toLowerCase()}${i}`,
            table.metric(`${kind}ThrottleEvents`, {
              period: FIVE_MINUTES,
              statistic: "Sum",
              ...(index
                ? { dimensionsMap: { TableName: table.tableName, GlobalSecondaryIndexName: index } }
                : {}),
            }),
          ]),
      ),
    );
    alarm(
      "TableThrottled",
      "tableThrottles",
      "Throttled reads and writes of the table and its indexes",
      new MathExpression({
        expression: Object.keys(throttleEvents).join(" + "),
        usingMetrics: throttleEvents,
        period: FIVE_MINUTES,
        label: "throttle events",
      }),
      { evaluationPeriods: 3, datapointsToAlarm: 2 },
    );

    const systemErrors = Object.fromEntries(
      STORE_OPERATIONS.map((operation) => [
        operation.toLowerCase(),
        table.metric("SystemErrors", {
          period: FIVE_MINUTES,
          statistic: "Sum",
          dimensionsMap: { TableName: table.tableName, Operation: operation },
        }),
      ]),
    );
    alarm(
      "TableSystemErrors",
      "tableSystemErrors",
      "DynamoDB's server errors on the table",
      new MathExpression({
        expression: Object.keys(systemErrors).join(" + "),
        usingMetrics: systemErrors,
        period: FIVE_MINUTES,
        label: "system errors",
      }),
    );

    alarm(
      "StreamOnFailure",
      "streamOnFailure",
      "Stream records that a stream function never processed (each of the queue's messages is Lambda's on-failure record: it names the function's ARN, the shard and the sequence numbers)",
      props.streamOnFailure.metricApproximateNumberOfMessagesVisible({
        period: Duration.minutes(1),
        statistic: "Maximum",
      }),
    );
    for (const fn of props.streamFunctions) {
      alarm(
        `${fn.node.id}IteratorAge`,
        "streamIteratorAge",
        `How far behind the table's stream ${functionMetricName(fn.handler)} is`,
        fn.function.metric("IteratorAge", { period: FIVE_MINUTES, statistic: "Maximum" }),
        { threshold: 5 * 60 * 1000, evaluationPeriods: 2 },
      );
    }

    alarm(
      "NotificationsFailed",
      "notificationsFailed",
      "SMS notifications given up",
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName: "NotificationsFailed",
        dimensionsMap: { service: serviceNameOf(this) },
        period: FIVE_MINUTES,
        statistic: "Sum",
      }),
    );

    const webhookMetric = (metricName: string, statistic = "Sum") =>
      new Metric({
        namespace: METRICS_NAMESPACE,
        metricName,
        dimensionsMap: { service: serviceNameOf(this) },
        period: FIVE_MINUTES,
        statistic,
      });
    alarm(
      "WebhookDeliveriesFailed",
      "webhookDeliveriesFailed",
      "Webhook deliveries given up and endpoints disabled",
      new MathExpression({
        expression: "failed + disabled",
        usingMetrics: {
          failed: webhookMetric("WebhookDeliveriesFailed"),
          disabled: webhookMetric("WebhookEndpointsDisabled"),
        },
        period: FIVE_MINUTES,
        label: "given up + disabled",
      }),
    );
    alarm(
      "WebhookOldestPendingDeliveryAge",
      "webhookOldestPendingAge",
      "Age of the oldest pending webhook delivery past its due time, in ms (the retry pass is behind)",
      webhookMetric("WebhookOldestPendingDeliveryAge", "Maximum"),
      { threshold: 5 * 60 * 1000, evaluationPeriods: 2 },
    );
  }

  private add(alarm: Alarm, topic: ITopic) {
    alarm.addAlarmAction(new SnsAction(topic));
    alarm.addOkAction(new SnsAction(topic));
    this.alarms.push(alarm);
  }
}
