import { Duration } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Runtime } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import { NagSuppressions } from "cdk-nag";
import { Construct } from "constructs";
import { handlerName, type RouteDefinition } from "../shared/http/route";
import { withDocsAssets } from "./docs-assets";
import { architectureFor, bundlingFor } from "./native-modules";

export interface ApiFunctionProps {
  /** The route's entry point and needs: its table actions are all the function may do. */
  route: Pick<
    RouteDefinition,
    "handler" | "tableActions" | "usesHashKey" | "memoryMiB" | "nativeModules" | "docsAssets"
  >;
  table: ITable;
  hashKeySecret: ISecret;
  managerCidrs: string;
  /** The deployment's currency (`CURRENCY`), ISO 4217. */
  currency: string;
}

/** One endpoint's Lambda function, bound to the table with exactly the grants its route names. */
export class ApiFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    const { route } = props;
    const nativeModules = route.nativeModules ?? [];
    const architecture = architectureFor(nativeModules);
    const bundling = bundlingFor(nativeModules, architecture);
    const logGroup = new LogGroup(this, "Logs", { retention: RetentionDays.ONE_MONTH });
    this.function = new NodejsFunction(this, "Function", {
      entry: `functions/${route.handler}`,
      handler: "handler",
      runtime: Runtime.NODEJS_24_X,
      architecture,
      memorySize: route.memoryMiB ?? 256,
      timeout: Duration.seconds(10),
      logGroup,
      bundling: route.docsAssets ? withDocsAssets(bundling) : bundling,
      environment: {
        TABLE_NAME: props.table.tableName,
        MANAGER_CIDRS: props.managerCidrs,
        CURRENCY: props.currency,
        POWERTOOLS_SERVICE_NAME: "tombola",
        ...(route.usesHashKey ? { HASH_KEY_SECRET_ARN: props.hashKeySecret.secretArn } : {}),
      },
    });
    if (route.tableActions.length > 0) props.table.grant(this.function, ...route.tableActions);
    if (route.usesHashKey) props.hashKeySecret.grantRead(this.function);
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

/** A construct id from an entry file: `raffles/claim-ticket.ts` → `RafflesClaimTicket`. */
export const functionId = (handler: string) => {
  const name = handlerName(handler);
  return name.charAt(0).toUpperCase() + name.slice(1);
};
