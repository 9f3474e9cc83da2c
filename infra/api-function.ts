import { Duration } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Architecture, Runtime } from "aws-cdk-lib/aws-lambda";
import { NodejsFunction } from "aws-cdk-lib/aws-lambda-nodejs";
import { LogGroup, RetentionDays } from "aws-cdk-lib/aws-logs";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import { Construct } from "constructs";
import type { RouteDefinition } from "../shared/http/route";
import { lambdaBundling } from "./bundling";

export interface ApiFunctionProps {
  /** The route's entry point and needs: its table actions are all the function may do. */
  route: Pick<RouteDefinition, "handler" | "tableActions" | "usesHashKey" | "memoryMiB">;
  table: ITable;
  hashKeySecret: ISecret;
  managerCidrs: string;
}

/** One endpoint's Lambda function, bound to the table with exactly the grants its route names. */
export class ApiFunction extends Construct {
  readonly function: NodejsFunction;

  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    super(scope, id);
    const { route } = props;
    const logGroup = new LogGroup(this, "Logs", { retention: RetentionDays.ONE_MONTH });
    this.function = new NodejsFunction(this, "Function", {
      entry: `functions/${route.handler}`,
      handler: "handler",
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: route.memoryMiB ?? 256,
      timeout: Duration.seconds(10),
      logGroup,
      bundling: lambdaBundling,
      environment: {
        TABLE_NAME: props.table.tableName,
        MANAGER_CIDRS: props.managerCidrs,
        POWERTOOLS_SERVICE_NAME: "tombola",
        ...(route.usesHashKey ? { HASH_KEY_SECRET_ARN: props.hashKeySecret.secretArn } : {}),
      },
    });
    if (route.tableActions.length > 0) props.table.grant(this.function, ...route.tableActions);
    if (route.usesHashKey) props.hashKeySecret.grantRead(this.function);
  }
}

/** A construct id from an entry file: `raffles/claim-ticket.ts` → `RafflesClaimTicket`. */
export const functionId = (handler: string) =>
  handler
    .replace(/\.ts$/, "")
    .split(/[/-]/)
    .map((word) => word.charAt(0).toUpperCase() + word.slice(1))
    .join("");
