import { type CfnCondition, Duration } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { type CfnPolicy, Policy, PolicyStatement } from "aws-cdk-lib/aws-iam";
import { FilterCriteria, StartingPosition } from "aws-cdk-lib/aws-lambda";
import { DynamoEventSource, SqsDlq } from "aws-cdk-lib/aws-lambda-event-sources";
import type { IQueue } from "aws-cdk-lib/aws-sqs";
import { NagSuppressions } from "cdk-nag";
import type { Construct } from "constructs";
import type { StreamFunctionDefinition } from "#platform/function-definitions";
import { TableFunction } from "./table-function";

/** Where a function that sends SMS sends from: the stack's parameters. */
export interface SmsOrigin {
  /** True when the deployment has an origination identity: only then may anything send. */
  enabled: CfnCondition;
  /** `SMS_PROVIDER`: `aws`, or `disabled` without an origination identity. */
  provider: string;
  /** ARN of the phone number, pool or sender ID (also the only resource it may send with). */
  originationIdentityArn: string;
  configurationSetName: string;
  /** The configuration set's ARN, or AWS::NoValue when none is configured. */
  configurationSetArnOrNothing: string;
}

export interface StreamFunctionProps {
  definition: StreamFunctionDefinition;
  table: ITable;
  sms: SmsOrigin;
  /** Where the stream puts what the function never processed: one queue all of them share. */
  onFailure: IQueue;
}

/**
 * A function on the table's stream: an event source mapping with the definition's filters,
 * partial batch responses, bisect on error, bounded retries and record age, and as its
 * on-failure destination the stream functions' shared queue (`StreamOnFailureQueue`), which
 * it may only send to.
 */
export class StreamFunction extends TableFunction {
  constructor(scope: Construct, id: string, props: StreamFunctionProps) {
    const { definition, sms } = props;
    super(scope, id, {
      deployment: definition.function,
      table: props.table,
      environment: definition.function.sendsSms
        ? {
            SMS_PROVIDER: sms.provider,
            SMS_ORIGINATION_IDENTITY: sms.originationIdentityArn,
            SMS_CONFIGURATION_SET: sms.configurationSetName,
          }
        : {},
    });
    this.function.addEventSource(
      new DynamoEventSource(props.table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: definition.stream.batchSize,
        bisectBatchOnError: true,
        reportBatchItemFailures: true,
        retryAttempts: definition.stream.maxRetryAttempts,
        maxRecordAge: Duration.seconds(definition.stream.maxRecordAgeSeconds),
        onFailure: new SqsDlq(props.onFailure),
        filters: definition.stream.filters.map((pattern) => FilterCriteria.filter(pattern)),
      }),
    );
    if (definition.function.sendsSms) {
      // Its own policy, which exists only when there is an identity to send from: without
      // one the function may send nothing (and a statement cannot name an empty resource).
      const sendSms = new Policy(this, "SendSms", {
        statements: [
          new PolicyStatement({
            actions: ["sms-voice:SendTextMessage"],
            resources: [sms.originationIdentityArn, sms.configurationSetArnOrNothing],
          }),
        ],
      });
      if (this.function.role) sendSms.attachToRole(this.function.role);
      (sendSms.node.defaultChild as CfnPolicy).cfnOptions.condition = sms.enabled;
    }
    NagSuppressions.addResourceSuppressions(
      this,
      [
        {
          id: "AwsSolutions-IAM5",
          reason:
            "dynamodb:ListStreams, granted by the stream event source, does not support resource-level permissions; every other stream action is on the table's own stream.",
          appliesTo: ["Resource::*"],
        },
      ],
      true,
    );
  }
}
