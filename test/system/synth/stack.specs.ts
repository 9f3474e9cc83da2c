import { readFileSync } from "node:fs";
import { resolve } from "node:path";
import { Annotations, Match, type Template } from "aws-cdk-lib/assertions";
import { beforeAll, describe, expect, it } from "vitest";
import { scheduledFunctions, streamFunctions } from "#app/functions";
import { metricCatalogue } from "#app/metrics";
import { routes } from "#app/routes";
import { sendSmsFunction } from "#notifications";
import { tableDefinition } from "#platform/db/table-definition";
import { routeKey } from "#platform/http/route";
import { METRICS_NAMESPACE, SERVICE_NAME } from "#platform/observability/service-names";
import { outboxFilters } from "#platform/outbox/stream-filter";
import { outboxSweeperFunction } from "#platform/outbox/sweeper";
import { ACCESS_LOG_FIELDS } from "../../../infra/access-log";
import { alarmKinds } from "../../../infra/alarm-kinds";
import { FUNCTIONS_PER_ERROR_ALARM } from "../../../infra/alarms";
import { functionId } from "../../../infra/api-function";
import { guardGrants } from "../../../infra/guard-grants";
import type { TombolaStack } from "../../../infra/stack";
import { anchorsOf } from "../../support/markdown";
import { synthesizedStack } from "../../support/synthesized-stack";

let stack: TombolaStack;
let template: Template;

beforeAll(() => {
  ({ stack, template } = synthesizedStack());
}, 300_000);

type Resource = { Type: string; Properties: Record<string, unknown>; [key: string]: unknown };
const resources = (type: string) => Object.values(template.findResources(type)) as Resource[];
/** The synthesized functions, but those built from these entry files. */
const functionsBut = (handlers: string[]) =>
  Object.entries(template.findResources("AWS::Lambda::Function"))
    .filter(([id]) => !handlers.some((handler) => id.startsWith(`${functionId(handler)}Function`)))
    .map(([, fn]) => fn as Resource);
/** The synthesized function built from this entry file. */
/** The functions that are not behind the API: stream and scheduled functions. */
const notApi = [
  ...streamFunctions.map((definition) => definition.function.handler),
  ...scheduledFunctions.map((definition) => definition.function.handler),
];
const functionOf = (handler: string) =>
  Object.entries(template.findResources("AWS::Lambda::Function")).find(([id]) =>
    id.startsWith(`${functionId(handler)}Function`),
  )?.[1] as Resource;

describe("the CDK stack", () => {
  it("makes one function per route, plus the $default fallback, the stream functions and the sweeper", () => {
    const functions = resources("AWS::Lambda::Function");
    expect(functions).toHaveLength(
      routes.length + 1 + streamFunctions.length + scheduledFunctions.length,
    );
    for (const fn of functions) {
      expect(fn.Properties.Runtime).toBe("nodejs24.x");
    }
  });

  it("makes one API route per route table entry, and $default", () => {
    const keys = resources("AWS::ApiGatewayV2::Route").map((route) => route.Properties.RouteKey);
    expect(keys.sort()).toEqual([...routes.map(routeKey), "$default"].sort());
  });

  it("grants no IAM action with a wildcard", () => {
    for (const policy of resources("AWS::IAM::Policy")) {
      const statements = (policy.Properties.PolicyDocument as { Statement: { Action: unknown }[] })
        .Statement;
      for (const statement of statements) {
        for (const action of [statement.Action].flat()) expect(action).not.toMatch(/\*/);
      }
    }
  });

  it("grants each function exactly the table actions its route names", () => {
    for (const route of routes.filter((r) => r.function.tableActions.length > 0)) {
      const role = Object.keys(template.findResources("AWS::IAM::Role")).find((id) =>
        id.startsWith(`${functionId(route.function.handler)}Function`),
      );
      expect(role, route.function.handler).toBeDefined();
      const policies = resources("AWS::IAM::Policy").filter((policy) =>
        JSON.stringify(policy.Properties.Roles).includes(role as string),
      );
      const statements = policies.flatMap(
        (policy) =>
          (
            policy.Properties.PolicyDocument as {
              Statement: { Action: unknown; Resource: unknown; Condition?: unknown }[];
            }
          ).Statement,
      );
      const onTable = statements.filter((s) => JSON.stringify(s.Resource).includes("Table"));
      const actions = onTable.filter((s) => !s.Condition).flatMap((s) => [s.Action].flat());
      expect(new Set(actions), route.function.handler).toEqual(
        new Set(route.function.tableActions),
      );
      // The guards' rights (rate-limit windows, operator keys) only on their own partition keys.
      const guarded = onTable
        .filter((s) => s.Condition)
        .map((s) => ({
          actions: [s.Action].flat(),
          leadingKeys: [
            (s.Condition as Record<string, Record<string, unknown>>)["ForAllValues:StringLike"]?.[
              "dynamodb:LeadingKeys"
            ],
          ].flat(),
        }));
      expect(guarded, route.function.handler).toEqual(
        guardGrants(route).map((g) => ({ actions: g.actions, leadingKeys: g.leadingKeys })),
      );
    }
  });

  it("keeps the table safe: on-demand, PITR, retained, TTL, stream, indexes", () => {
    const tables = resources("AWS::DynamoDB::Table");
    expect(tables).toHaveLength(1);
    const table = tables[0] as Resource;
    expect(table.DeletionPolicy).toBe("Retain");
    expect(table.UpdateReplacePolicy).toBe("Retain");
    expect(table.Properties).toMatchObject({
      BillingMode: "PAY_PER_REQUEST",
      PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
      TimeToLiveSpecification: {
        AttributeName: tableDefinition.timeToLiveAttribute,
        Enabled: true,
      },
      StreamSpecification: { StreamViewType: tableDefinition.streamViewType },
      DeletionProtectionEnabled: true,
    });
    const indexes = (table.Properties.GlobalSecondaryIndexes as { IndexName: string }[]).map(
      (index) => index.IndexName,
    );
    expect(indexes).toEqual(tableDefinition.globalIndexes.map((index) => index.indexName));
  });

  it("throttles the API stage and writes access logs", () => {
    template.hasResourceProperties("AWS::ApiGatewayV2::Stage", {
      StageName: "$default",
      DefaultRouteSettings: { ThrottlingRateLimit: 1000, ThrottlingBurstLimit: 2000 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
  });

  it("writes JSON access logs that carry the Lambda request id, the X-Request-Id a client sees", () => {
    const stages = resources("AWS::ApiGatewayV2::Stage");
    expect(stages).toHaveLength(1);
    const settings = stages[0]?.Properties.AccessLogSettings as { Format: string } | undefined;
    const format = settings?.Format ?? "";
    // One JSON object per request: every field a string once the gateway fills it in.
    const fields = JSON.parse(format) as Record<string, string>;
    expect(fields).toEqual(ACCESS_LOG_FIELDS);
    // The invocation's id (what the handler answers as X-Request-Id), beside the gateway's own.
    expect(fields.lambdaRequestId).toBe("$context.integration.requestId");
    expect(fields.requestId).toBe("$context.requestId");
    for (const value of Object.values(fields)) expect(value).toMatch(/^\$context\.[A-Za-z.]+$/);
  });

  it("takes the manager CIDRs as a parameter and hands them to every API function", () => {
    template.hasParameter("ManagerCidrs", { Type: "String" });
    const apiFunctions = functionsBut(notApi);
    expect(apiFunctions).toHaveLength(routes.length + 1);
    for (const fn of apiFunctions) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect(variables.MANAGER_CIDRS).toEqual({ Ref: "ManagerCidrs" });
    }
  });

  it("takes the ledger's currency as a parameter and hands it to every API function", () => {
    template.hasParameter("Currency", { Type: "String", Default: "USD" });
    // The stream functions need none: an SMS's text is rendered when the posting is written.
    for (const fn of functionsBut(notApi)) {
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect(variables.CURRENCY).toEqual({ Ref: "Currency" });
    }
  });

  it("passes cdk-nag's AwsSolutions checks, every acknowledged finding with its reason", () => {
    const findings = [
      ...Annotations.fromStack(stack).findError("*", Match.stringLikeRegexp("AwsSolutions-.*")),
      ...Annotations.fromStack(stack).findWarning("*", Match.stringLikeRegexp("AwsSolutions-.*")),
    ];
    expect(findings.map((finding) => finding.entry.data)).toEqual([]);
    const suppressions = Object.values(
      template.toJSON().Resources as Record<string, Resource>,
    ).flatMap((resource) => {
      const metadata = resource.Metadata as
        | { cdk_nag?: { rules_to_suppress: { id: string; reason: string }[] } }
        | undefined;
      return metadata?.cdk_nag?.rules_to_suppress ?? [];
    });
    expect(suppressions.length).toBeGreaterThan(0);
    for (const suppression of suppressions) expect(suppression.reason.length).toBeGreaterThan(30);
  });
});

describe("the SMS consumer on the table's stream", () => {
  const consumerId = functionId(sendSmsFunction.function.handler);
  // One mapping per stream function; the SMS consumer's is the one invoking its function.
  const mapping = () =>
    resources("AWS::Lambda::EventSourceMapping").find((resource) =>
      JSON.stringify(resource.Properties.FunctionName).includes(consumerId),
    ) as Resource;

  it("maps the table's stream with the outbox filter, partial batch responses, bisect and bounds", () => {
    expect(resources("AWS::Lambda::EventSourceMapping")).toHaveLength(streamFunctions.length);
    expect(mapping().Properties).toMatchObject({
      EventSourceArn: { "Fn::GetAtt": [expect.stringMatching(/^Table/), "StreamArn"] },
      StartingPosition: "TRIM_HORIZON",
      BatchSize: sendSmsFunction.stream.batchSize,
      FunctionResponseTypes: ["ReportBatchItemFailures"],
      BisectBatchOnFunctionError: true,
      MaximumRetryAttempts: sendSmsFunction.stream.maxRetryAttempts,
      MaximumRecordAgeInSeconds: sendSmsFunction.stream.maxRecordAgeSeconds,
    });
    const filters = (mapping().Properties.FilterCriteria as { Filters: { Pattern: string }[] })
      .Filters;
    expect(filters.map((filter) => JSON.parse(filter.Pattern))).toEqual(outboxFilters("sms"));
    // Retries must outnumber the consumer's attempts, so it records `failed` itself.
    expect(sendSmsFunction.stream.maxRetryAttempts).toBeGreaterThan(5);
  });

  it("may send SMS with the configured identity only, and do only its own table actions", () => {
    template.hasParameter("SmsOriginationIdentityArn", { Type: "String" });
    template.hasParameter("SmsConfigurationSetName", { Type: "String", Default: "" });
    const role = Object.keys(template.findResources("AWS::IAM::Role")).find((id) =>
      id.startsWith(`${consumerId}Function`),
    );
    const statements = resources("AWS::IAM::Policy")
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(role as string))
      .flatMap(
        (policy) =>
          (policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }).Statement,
      );
    const sms = statements.filter((s) => JSON.stringify(s.Action).includes("sms-voice"));
    expect(sms).toHaveLength(1);
    expect(sms[0]?.Action).toBe("sms-voice:SendTextMessage");
    expect(sms[0]?.Resource).toEqual([
      { Ref: "SmsOriginationIdentityArn" },
      { "Fn::If": ["HasSmsConfigurationSet", expect.anything(), { Ref: "AWS::NoValue" }] },
    ]);
    const onTable = statements.filter(
      (s) =>
        JSON.stringify(s.Resource).includes("Table") &&
        !JSON.stringify(s.Resource).includes("StreamArn"),
    );
    expect(onTable.flatMap((s) => [s.Action].flat())).toEqual(
      sendSmsFunction.function.tableActions,
    );
    const onStream = statements.filter((s) => JSON.stringify(s.Resource).includes("StreamArn"));
    expect(new Set(onStream.flatMap((s) => [s.Action].flat()))).toEqual(
      new Set(["dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator"]),
    );
    const consumer = functionOf(sendSmsFunction.function.handler);
    expect((consumer.Properties.Environment as { Variables: object }).Variables).toMatchObject({
      // `aws` with an origination identity; without one, SMS are off (deploy.test.ts).
      SMS_PROVIDER: { "Fn::If": ["HasSmsOriginationIdentity", "aws", "disabled"] },
      SMS_ORIGINATION_IDENTITY: { Ref: "SmsOriginationIdentityArn" },
      SMS_CONFIGURATION_SET: { Ref: "SmsConfigurationSetName" },
    });
    expect(consumer.Properties.Timeout).toBe(sendSmsFunction.function.timeoutSeconds);
  });
});

describe("the stale-work sweeper", () => {
  const sweeperId = functionId(outboxSweeperFunction.function.handler);

  it("runs every five minutes from an EventBridge rule", () => {
    const [rule] = resources("AWS::Events::Rule");
    expect(rule?.Properties.ScheduleExpression).toBe("rate(5 minutes)");
    const targets = rule?.Properties.Targets as { Arn: { "Fn::GetAtt": string[] } }[];
    expect(targets).toHaveLength(1);
    expect(targets[0]?.Arn["Fn::GetAtt"][0]).toMatch(new RegExp(`^${sweeperId}Function`));
    expect(functionOf(outboxSweeperFunction.function.handler).Properties.Timeout).toBe(
      outboxSweeperFunction.function.timeoutSeconds,
    );
  });

  it("has exactly the table actions its definition grants", () => {
    const role = Object.keys(template.findResources("AWS::IAM::Role")).find((id) =>
      id.startsWith(`${sweeperId}Function`),
    );
    const actions = resources("AWS::IAM::Policy")
      .filter((policy) => JSON.stringify(policy.Properties.Roles).includes(role as string))
      // The X-Ray rights every function gets only under Tracing=Active (tested below).
      .filter((policy) => policy.Condition !== "TracingActive")
      .flatMap(
        (policy) =>
          (policy.Properties.PolicyDocument as { Statement: { Action: unknown }[] }).Statement,
      )
      .flatMap((statement) => [statement.Action].flat());
    expect(actions.sort()).toEqual([...outboxSweeperFunction.function.tableActions].sort());
  });
});

describe("what the stream functions never processed", () => {
  const queueId = () => {
    const ids = Object.keys(template.findResources("AWS::SQS::Queue"));
    expect(ids).toHaveLength(1);
    return ids[0] as string;
  };
  const queueArn = () => ({ "Fn::GetAtt": [queueId(), "Arn"] });

  it("goes to one queue that every stream function's mapping shares, encrypted, TLS only, kept 14 days", () => {
    const mappings = resources("AWS::Lambda::EventSourceMapping");
    expect(mappings).toHaveLength(streamFunctions.length);
    for (const mapping of mappings) {
      expect(mapping.Properties.DestinationConfig).toEqual({
        OnFailure: { Destination: queueArn() },
      });
    }
    expect(template.findResources("AWS::SQS::Queue")[queueId()]?.Properties).toMatchObject({
      SqsManagedSseEnabled: true,
      MessageRetentionPeriod: 14 * 24 * 60 * 60,
    });
    const policies = resources("AWS::SQS::QueuePolicy");
    expect(policies).toHaveLength(1);
    expect(policies[0]?.Properties).toMatchObject({
      Queues: [{ Ref: queueId() }],
      PolicyDocument: {
        Statement: expect.arrayContaining([
          expect.objectContaining({
            Effect: "Deny",
            Resource: queueArn(),
            Condition: { Bool: { "aws:SecureTransport": "false" } },
          }),
        ]),
      },
    });
  });

  it("may be sent to by the stream functions only, and they may do nothing else with it", () => {
    const roleOf = (handler: string) =>
      Object.keys(template.findResources("AWS::IAM::Role")).find((id) =>
        id.startsWith(`${functionId(handler)}Function`),
      ) as string;
    const streamRoles = streamFunctions.map((definition) => roleOf(definition.function.handler));
    const grants = resources("AWS::IAM::Policy").flatMap((policy) =>
      (
        policy.Properties.PolicyDocument as { Statement: Record<string, unknown>[] }
      ).Statement.filter((statement) => JSON.stringify(statement.Action).includes("sqs:")).map(
        (statement) => ({ roles: policy.Properties.Roles, statement }),
      ),
    );
    expect(grants.map((grant) => grant.roles)).toEqual(
      expect.arrayContaining(streamRoles.map((role) => [{ Ref: role }])),
    );
    expect(grants).toHaveLength(streamFunctions.length);
    for (const { statement } of grants) {
      expect(statement).toEqual({
        Effect: "Allow",
        Action: ["sqs:SendMessage", "sqs:GetQueueAttributes", "sqs:GetQueueUrl"],
        Resource: queueArn(),
      });
    }
  });

  it("is watched by one alarm on the queue's depth, whose description says the record names the function", () => {
    const onQueue = resources("AWS::CloudWatch::Alarm").filter(
      (alarm) => alarm.Properties.Namespace === "AWS/SQS",
    );
    expect(onQueue).toHaveLength(1);
    expect(onQueue[0]?.Properties).toMatchObject({
      MetricName: "ApproximateNumberOfMessagesVisible",
      Dimensions: [{ Name: "QueueName", Value: { "Fn::GetAtt": [queueId(), "QueueName"] } }],
      Threshold: 1,
      ComparisonOperator: "GreaterThanOrEqualToThreshold",
      EvaluationPeriods: 1,
      AlarmDescription: expect.stringMatching(
        new RegExp(`function's ARN.*#${alarmKinds.streamOnFailure.runbook}$`),
      ),
    });
  });
});

describe("operating it: alarms, the dashboard, logs, tracing", () => {
  const topicRef = () => {
    const [topicId] = Object.keys(template.findResources("AWS::SNS::Topic"));
    return { Ref: topicId };
  };
  const alarms = () => resources("AWS::CloudWatch::Alarm");
  /** The functions of the stack: one per route, the fallback, the stream functions, the sweeper. */
  const functionCount = routes.length + 1 + streamFunctions.length + scheduledFunctions.length;

  it("notifies one SNS topic from every alarm, firing and clearing, each with a threshold and its runbook", () => {
    expect(resources("AWS::SNS::Topic")).toHaveLength(1);
    const runbook = readFileSync(
      resolve(import.meta.dirname, "../../../docs/operations.md"),
      "utf8",
    );
    const anchors = anchorsOf(runbook);
    for (const alarm of alarms()) {
      const description = alarm.Properties.AlarmDescription as string;
      expect(alarm.Properties.AlarmActions, description).toEqual([topicRef()]);
      expect(alarm.Properties.OKActions, description).toEqual([topicRef()]);
      expect(alarm.Properties.Threshold, description).toEqual(expect.any(Number));
      expect(alarm.Properties.TreatMissingData, description).toBe("notBreaching");
      const anchor = /Runbook: docs\/operations\.md#([a-z0-9-]+)$/.exec(description)?.[1];
      expect(anchors, description).toContain(anchor);
    }
  });

  it("has error alarms watching every function, the API's, the table's, the stream's lag per stream function and one on what they never processed", () => {
    const kinds = alarms().map((alarm) => {
      const anchor = /#([a-z0-9-]+)$/.exec(alarm.Properties.AlarmDescription as string)?.[1];
      return Object.entries(alarmKinds).find(([, kind]) => kind.runbook === anchor)?.[0];
    });
    const count = (kind: string) => kinds.filter((k) => k === kind).length;
    const functionAlarms = Math.ceil(functionCount / FUNCTIONS_PER_ERROR_ALARM);
    expect(count("functionErrors")).toBe(functionAlarms);
    expect(count("apiErrors")).toBe(1);
    expect(count("tableThrottles")).toBe(1);
    expect(count("tableSystemErrors")).toBe(1);
    expect(count("streamOnFailure")).toBe(1);
    expect(count("streamIteratorAge")).toBe(streamFunctions.length);
    expect(count("notificationsFailed")).toBe(1);
    expect(count("webhookDeliveriesFailed")).toBe(1);
    expect(count("webhookOldestPendingAge")).toBe(1);
    expect(kinds).toHaveLength(functionAlarms + 7 + streamFunctions.length);
    // Exactly one alarm watches each function's errors and throttles.
    const watched = alarms()
      .filter((alarm) => (alarm.Properties.AlarmDescription as string).includes("invocations of"))
      .map((alarm) => JSON.stringify(alarm.Properties.Metrics));
    for (const id of Object.keys(template.findResources("AWS::Lambda::Function"))) {
      expect(
        watched.filter((metrics) => metrics.includes(`"Ref":"${id}"`)),
        id,
      ).toHaveLength(1);
    }
    template.hasResourceProperties("AWS::CloudWatch::Alarm", {
      Namespace: METRICS_NAMESPACE,
      MetricName: "NotificationsFailed",
      Dimensions: [{ Name: "service", Value: SERVICE_NAME }],
    });
  });

  it("subscribes AlarmEmail to the topic only when it is set", () => {
    template.hasParameter("AlarmEmail", { Type: "String", Default: "" });
    expect(template.toJSON().Conditions.HasAlarmEmail).toEqual({
      "Fn::Not": [{ "Fn::Equals": [{ Ref: "AlarmEmail" }, ""] }],
    });
    const subscriptions = Object.values(
      template.findResources("AWS::SNS::Subscription"),
    ) as Resource[];
    expect(subscriptions).toHaveLength(1);
    expect(subscriptions[0]?.Condition).toBe("HasAlarmEmail");
    expect(subscriptions[0]?.Properties).toMatchObject({
      Protocol: "email",
      Endpoint: { Ref: "AlarmEmail" },
      TopicArn: topicRef(),
    });
  });

  it("draws one dashboard with every catalogue metric, in our namespace and service", () => {
    const dashboards = resources("AWS::CloudWatch::Dashboard");
    expect(dashboards).toHaveLength(1);
    const body = JSON.stringify(dashboards[0]?.Properties.DashboardBody);
    for (const name of Object.keys(metricCatalogue)) {
      expect(body, name).toMatch(new RegExp(`${name}\\b`));
    }
    expect(body).toContain(`service=\\\\\\"${SERVICE_NAME}\\\\\\"`);
    expect(body).toContain(METRICS_NAMESPACE);
    // The stream functions' one on-failure queue is graphed (its depth is what its alarm watches).
    const [queueId] = Object.keys(template.findResources("AWS::SQS::Queue"));
    expect(body).toContain(JSON.stringify({ "Fn::GetAtt": [queueId, "QueueName"] }));
  });

  it("gives every function its own log group, kept a month", () => {
    const groups = template.findResources("AWS::Logs::LogGroup");
    for (const fn of resources("AWS::Lambda::Function")) {
      const group = (fn.Properties.LoggingConfig as { LogGroup: { Ref: string } }).LogGroup.Ref;
      expect((groups[group] as Resource).Properties.RetentionInDays).toBe(30);
    }
    expect(
      new Set(
        resources("AWS::Lambda::Function").map((fn) => JSON.stringify(fn.Properties.LoggingConfig)),
      ).size,
    ).toBe(functionCount);
  });

  it("traces every function only when the Tracing parameter is Active, and only then may write traces", () => {
    template.hasParameter("Tracing", { Default: "Off", AllowedValues: ["Off", "Active"] });
    expect(template.toJSON().Conditions.TracingActive).toEqual({
      "Fn::Equals": [{ Ref: "Tracing" }, "Active"],
    });
    const functions = resources("AWS::Lambda::Function");
    expect(functions).toHaveLength(functionCount);
    for (const fn of functions) {
      expect(fn.Properties.TracingConfig).toEqual({
        "Fn::If": ["TracingActive", { Mode: "Active" }, { Ref: "AWS::NoValue" }],
      });
      const variables = (fn.Properties.Environment as { Variables: Record<string, unknown> })
        .Variables;
      expect(variables.POWERTOOLS_TRACE_ENABLED).toEqual({
        "Fn::If": ["TracingActive", "true", "false"],
      });
      expect(variables.POWERTOOLS_SERVICE_NAME).toBe(SERVICE_NAME);
    }
    const xray = Object.values(template.findResources("AWS::IAM::Policy")).filter((policy) =>
      JSON.stringify(policy).includes("xray:"),
    ) as Resource[];
    expect(xray).toHaveLength(1);
    const [policy] = xray as [Resource];
    expect(policy.Condition).toBe("TracingActive");
    const statements = (policy.Properties.PolicyDocument as { Statement: { Action: unknown }[] })
      .Statement;
    expect(statements.flatMap((s) => [s.Action].flat()).sort()).toEqual([
      "xray:PutTelemetryRecords",
      "xray:PutTraceSegments",
    ]);
    expect(policy.Properties.Roles).toHaveLength(functionCount);
  });
});
