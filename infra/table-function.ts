import { Duration } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Runtime } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import { NagSuppressions } from "cdk-nag";
import { Construct } from "constructs";
import type { FunctionDeployment } from "#platform/function-definitions";
import { withDocsAssets } from "./docs-assets";
import { architectureFor, bundlingFor } from "./native-modules";
import { serviceNameOf } from "./stage";
import { withTracingModule } from "./tracing-module";

export interface TableFunctionProps {
  /** Its entry point, grants (exactly the table actions it names) and what its asset carries. */
  deployment: FunctionDeployment;
  table: ITable;
  environment?: Record<string, string>;
}

/**
 * One Lambda function of ours, bundled as the benchmark measures it, with its own log group and
 * exactly the table grants it names: what an endpoint and a stream function share.
 */
export class TableFunction extends Construct {
  readonly function: NodejsFunction;
  /** Its entry point, relative to `functions/`. */
  readonly handler: string;

  constructor(scope: Construct, id: string, props: TableFunctionProps) {
    super(scope, id);
    const { deployment } = props;
    this.handler = deployment.handler;
    const nativeModules = deployment.nativeModules ?? [];
    const architecture = architectureFor(nativeModules);
    const bundling = bundlingFor(nativeModules, architecture);
    const logGroup = new LogGroup(this, "Logs", { retention: RetentionDays.ONE_MONTH });
    this.function = new NodejsFunction(this, "Function", {
      entry: `functions/${deployment.handler}`,
      handler: "handler",
      runtime: Runtime.NODEJS_24_X,
      architecture,
      memorySize: deployment.memoryMiB ?? 256,
      timeout: Duration.seconds(deployment.timeoutSeconds ?? 10),
      ...(deployment.reservedConcurrency !== undefined
        ? { reservedConcurrentExecutions: deployment.reservedConcurrency }
        : {}),
      logGroup,
      bundling: withTracingModule(deployment.docsAssets ? withDocsAssets(bundling) : bundling),
      environment: {
        TABLE_NAME: props.table.tableName,
        POWERTOOLS_SERVICE_NAME: serviceNameOf(this),
        ...props.environment,
      },
    });
    if (deployment.tableActions.length > 0) {
      props.table.grant(this.function, ...deployment.tableActions);
    }
    NagSuppressions.addResourceSuppressions(
      this,
      [
        {
          id: "AwsSolutions-IAM4",
          reason:
            "AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch logs.",
          appliesTo: [
            "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole",
          ],
        },
        {
          id: "AwsSolutions-IAM5",
          reason:
            "The wildcard is the table's own indexes (table/<name>/index/*), needed by Query on a GSI; actions are listed one by one.",
          appliesTo: [{ regex: "/^Resource::<Table[0-9A-F]+\\.Arn>/index/\\*$/g" }],
        },
      ],
      true,
    );
  }
}
