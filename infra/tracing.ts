import { CfnCondition, CfnParameter, Fn, Token } from "aws-cdk-lib";
import { type CfnPolicy, Policy, PolicyStatement } from "aws-cdk-lib/aws-iam";
import type { CfnFunction } from "aws-cdk-lib/aws-lambda";
import { NagSuppressions } from "cdk-nag";
import { Construct } from "constructs";
import type { TableFunction } from "./table-function";

/**
 * X-Ray active tracing of every function, switched by the `Tracing` stack parameter (off by
 * default): the functions trace, their DynamoDB client records a subsegment per call (it loads
 * the Powertools tracer only then, see shared/platform/db/client.ts), and their roles may write traces.
 */
export class FunctionTracing extends Construct {
  constructor(scope: Construct, id: string, functions: readonly TableFunction[]) {
    super(scope, id);
    const tracing = new CfnParameter(scope, "Tracing", {
      type: "String",
      default: "Off",
      allowedValues: ["Off", "Active"],
      description: "X-Ray active tracing of every function, with a subsegment per DynamoDB call",
    }).valueAsString;
    const active = new CfnCondition(scope, "TracingActive", {
      expression: Fn.conditionEquals(tracing, "Active"),
    });
    for (const { function: fn } of functions) {
      (fn.node.defaultChild as CfnFunction).tracingConfig = Token.asAny(
        Fn.conditionIf(active.logicalId, { Mode: "Active" }, { Ref: "AWS::NoValue" }),
      );
      fn.addEnvironment(
        "POWERTOOLS_TRACE_ENABLED",
        Fn.conditionIf(active.logicalId, "true", "false").toString(),
      );
    }
    const policy = new Policy(this, "WriteTraces", {
      statements: [
        new PolicyStatement({
          actions: ["xray:PutTraceSegments", "xray:PutTelemetryRecords"],
          resources: ["*"],
        }),
      ],
      roles: functions.map(({ function: fn }) => fn.role).filter((role) => role !== undefined),
    });
    (policy.node.defaultChild as CfnPolicy).cfnOptions.condition = active;
    NagSuppressions.addResourceSuppressions(policy, [
      {
        id: "AwsSolutions-IAM5",
        reason:
          "X-Ray's PutTraceSegments and PutTelemetryRecords support no resource-level permissions; the policy exists only while Tracing is Active.",
        appliesTo: ["Resource::*"],
      },
    ]);
  }
}
