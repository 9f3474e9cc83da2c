import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import { handlerName, type RouteDefinition } from "#platform/http/route";
import { TableFunction } from "./table-function";

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
export class ApiFunction extends TableFunction {
  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    const { route } = props;
    super(scope, id, {
      handler: route.handler,
      tableActions: route.tableActions,
      table: props.table,
      memoryMiB: route.memoryMiB,
      nativeModules: route.nativeModules,
      docsAssets: route.docsAssets,
      environment: {
        MANAGER_CIDRS: props.managerCidrs,
        CURRENCY: props.currency,
        ...(route.usesHashKey ? { HASH_KEY_SECRET_ARN: props.hashKeySecret.secretArn } : {}),
      },
    });
    if (route.usesHashKey) props.hashKeySecret.grantRead(this.function);
  }
}

/** A construct id from an entry file: `raffles/claim-ticket.ts` → `RafflesClaimTicket`. */
export const functionId = (handler: string) => {
  const name = handlerName(handler);
  return name.charAt(0).toUpperCase() + name.slice(1);
};
