import {
  Aws,
  CfnCondition,
  CfnOutput,
  CfnParameter,
  Fn,
  RemovalPolicy,
  Stack,
  type StackProps,
} from "aws-cdk-lib";
import {
  HttpApi,
  HttpMethod,
  HttpStage,
  LogGroupLogDestination,
} from "aws-cdk-lib/aws-apigatewayv2";
import { HttpLambdaIntegration } from "aws-cdk-lib/aws-apigatewayv2-integrations";
import { AttributeType, BillingMode, StreamViewType, Table } from "aws-cdk-lib/aws-dynamodb";
import { PolicyStatement } from "aws-cdk-lib/aws-iam";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { Secret } from "aws-cdk-lib/aws-secretsmanager";
import { NagSuppressions } from "cdk-nag";
import type { Construct } from "constructs";
import { scheduledFunctions, streamFunctions } from "#app/functions";
import { fallbackHandler, routes } from "#app/routes";
import { tableDefinition } from "#platform/db/table-definition";
import { accessLogFormat } from "./access-log";
import { AlarmTopic } from "./alarm-topic";
import { ServiceAlarms } from "./alarms";
import { ApiFunction, functionId } from "./api-function";
import { ServiceDashboard } from "./dashboard";
import { guardGrants } from "./guard-grants";
import { ScheduledFunction } from "./scheduled-function";
import { type SmsOrigin, StreamFunction } from "./stream-function";
import { StreamOnFailureQueue } from "./stream-on-failure";
import type { TableFunction } from "./table-function";
import { FunctionTracing } from "./tracing";

/** Tombola: one table, one function per route, one HTTP API. */
export class TombolaStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const managerCidrs = new CfnParameter(this, "ManagerCidrs", {
      type: "String",
      default: "",
      description: "Comma-separated IPv4/IPv6 CIDRs whose callers are managers (empty: nobody)",
    }).valueAsString;
    const managerKeys = new CfnParameter(this, "ManagerKeys", {
      type: "String",
      default: "required",
      allowedValues: ["required", "off"],
      description:
        "required: manager routes need a live operator key besides a manager address; off: the address alone",
    }).valueAsString;
    const currency = new CfnParameter(this, "Currency", {
      type: "String",
      default: "USD",
      allowedPattern: "^[A-Z]{3}$",
      description: "ISO 4217 code of the currency every new wallet holds",
    }).valueAsString;

    const table = new Table(this, "Table", {
      partitionKey: { name: tableDefinition.partitionKey, type: AttributeType.STRING },
      sortKey: { name: tableDefinition.sortKey, type: AttributeType.STRING },
      billingMode: BillingMode.PAY_PER_REQUEST,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      timeToLiveAttribute: tableDefinition.timeToLiveAttribute,
      stream: StreamViewType[tableDefinition.streamViewType],
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    for (const index of tableDefinition.globalIndexes) {
      table.addGlobalSecondaryIndex({
        indexName: index.indexName,
        partitionKey: { name: index.partitionKey, type: AttributeType.STRING },
        sortKey: { name: index.sortKey, type: AttributeType.STRING },
      });
    }

    const hashKeySecret = new Secret(this, "HashKey", {
      description: "Key of the HMAC-SHA-256 hashes of session tokens and verification codes",
      generateSecretString: { passwordLength: 64, excludePunctuation: true },
    });
    NagSuppressions.addResourceSuppressions(hashKeySecret, [
      {
        id: "AwsSolutions-SMG4",
        reason:
          "Rotating the hashing key would invalidate every stored token and verification code hash; it is rotated by a planned migration, not on a schedule.",
      },
    ]);

    const accessLogs = new LogGroup(this, "AccessLogs", { retention: RetentionDays.THREE_MONTHS });
    const binding = { table, hashKeySecret, managerCidrs, managerKeys, currency };
    const fallback = new ApiFunction(this, functionId(fallbackHandler), {
      deployment: { handler: fallbackHandler, tableActions: [] },
      ...binding,
    });
    const api = new HttpApi(this, "Api", {
      // The stack's name (`Tombola`, `Tombola-dev`): two stages' APIs tell apart in the console.
      apiName: this.stackName,
      createDefaultStage: false,
      defaultIntegration: new HttpLambdaIntegration("Fallback", fallback.function),
    });
    new HttpStage(this, "DefaultStage", {
      httpApi: api,
      stageName: "$default",
      autoDeploy: true,
      throttle: { rateLimit: 1000, burstLimit: 2000 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: accessLogFormat(),
      },
    });

    const functions: TableFunction[] = [fallback];
    for (const route of routes) {
      const endpoint = new ApiFunction(this, functionId(route.function.handler), {
        deployment: route.function,
        ...binding,
      });
      functions.push(endpoint);
      for (const grant of guardGrants(route)) {
        endpoint.function.addToRolePolicy(
          new PolicyStatement({
            actions: grant.actions,
            resources: [table.tableArn],
            conditions: {
              "ForAllValues:StringLike": { "dynamodb:LeadingKeys": grant.leadingKeys },
            },
          }),
        );
      }
      // The operator-key check hashes the presented key: it needs the hashing key.
      if (route.access === "manager") {
        hashKeySecret.grantRead(endpoint.function);
        endpoint.function.addEnvironment("HASH_KEY_SECRET_ARN", hashKeySecret.secretArn);
      }
      api.addRoutes({
        path: route.path,
        methods: [HttpMethod[route.method]],
        integration: new HttpLambdaIntegration(
          `${functionId(route.function.handler)}Integration`,
          endpoint.function,
        ),
      });
    }
    NagSuppressions.addResourceSuppressions(
      api,
      [
        {
          id: "AwsSolutions-APIG4",
          reason:
            "Authorisation is per route inside the functions: public routes by design, manager routes by source CIDR, account routes by bearer session token.",
        },
      ],
      true,
    );

    const sms = smsOrigin(this);
    // One on-failure queue (and one alarm) for every stream function, not one each: the stack
    // is near CloudFormation's 500 resources, and Lambda's record names the function.
    const streamOnFailure = new StreamOnFailureQueue(this, "StreamOnFailure");
    const onStream = streamFunctions.map(
      (definition) =>
        new StreamFunction(this, functionId(definition.function.handler), {
          definition,
          table,
          sms,
          onFailure: streamOnFailure,
        }),
    );
    functions.push(...onStream);
    for (const definition of scheduledFunctions) {
      functions.push(
        new ScheduledFunction(this, functionId(definition.function.handler), { definition, table }),
      );
    }

    new FunctionTracing(this, "FunctionTracing", functions);
    const { topic } = new AlarmTopic(this, "AlarmTopic");
    const observed = { api, table, functions, streamFunctions: onStream, streamOnFailure };
    new ServiceAlarms(this, "Alarms", { topic, ...observed });
    new ServiceDashboard(this, "Dashboard", observed);

    new CfnOutput(this, "ApiUrl", { value: api.apiEndpoint });
    new CfnOutput(this, "TableName", { value: table.tableName });
    new CfnOutput(this, "HashKeySecretArn", { value: hashKeySecret.secretArn });
    new CfnOutput(this, "AlarmTopicArn", { value: topic.topicArn });
  }
}

/**
 * The SMS origination identity and configuration set: stack parameters, set at deployment.
 * Both are optional: without an identity the stack deploys with SMS turned off (notifications
 * are recorded `skipped` with `sms_disabled`) and no right to send any.
 */
function smsOrigin(stack: Stack): SmsOrigin {
  const identity = new CfnParameter(stack, "SmsOriginationIdentityArn", {
    type: "String",
    default: "",
    description:
      "ARN of the AWS End User Messaging SMS phone number, pool or sender ID that notifications are sent from; empty: no SMS (notifications skipped, sms_disabled)",
    allowedPattern:
      "^(arn:aws[a-z-]*:sms-voice:[a-z0-9-]+:[0-9]{12}:(phone-number|pool|sender-id)/.+)?$",
  }).valueAsString;
  const configurationSet = new CfnParameter(stack, "SmsConfigurationSetName", {
    type: "String",
    default: "",
    description: "The configuration set SMS are sent with (event destinations); empty: none",
    allowedPattern: "^[A-Za-z0-9_-]{0,64}$",
  }).valueAsString;
  const enabled = new CfnCondition(stack, "HasSmsOriginationIdentity", {
    expression: Fn.conditionNot(Fn.conditionEquals(identity, "")),
  });
  const hasConfigurationSet = new CfnCondition(stack, "HasSmsConfigurationSet", {
    expression: Fn.conditionNot(Fn.conditionEquals(configurationSet, "")),
  });
  const configurationSetArn = `arn:${Aws.PARTITION}:sms-voice:${Aws.REGION}:${Aws.ACCOUNT_ID}:configuration-set/${configurationSet}`;
  return {
    enabled,
    provider: Fn.conditionIf(enabled.logicalId, "aws", "disabled").toString(),
    originationIdentityArn: identity,
    configurationSetName: configurationSet,
    configurationSetArnOrNothing: Fn.conditionIf(
      hasConfigurationSet.logicalId,
      configurationSetArn,
      Aws.NO_VALUE,
    ).toString(),
  };
}
