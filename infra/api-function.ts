import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import type { ISecret } from "aws-cdk-lib/aws-secretsmanager";
import type { Construct } from "constructs";
import type { FunctionDeployment } from "#platform/function-definitions";
import { handlerName } from "#platform/observability/service-names";
import { TableFunction } from "./table-function";

export interface ApiFunctionProps {
  /** The route's function: its table actions are all it may do. */
  deployment: FunctionDeployment;
  table: ITable;
  hashKeySecret: ISecret;
  managerCidrs: string;
  /** `MANAGER_KEYS`: `required` (operator keys on manager routes) or `off`. */
  managerKeys: string;
  /** The deployment's currency (`CURRENCY`), ISO 4217. */
  currency: string;
}

/** One endpoint's Lambda function, bound to the table with exactly the grants its route names. */
export class ApiFunction extends TableFunction {
  constructor(scope: Construct, id: string, props: ApiFunctionProps) {
    const { deployment } = props;
    super(scope, id, {
      deployment,
      table: props.table,
      environment: {
        MANAGER_CIDRS: props.managerCidrs,
        MANAGER_KEYS: props.managerKeys,
        CURRENCY: props.currency,
        ...(deployment.usesHashKey ? { HASH_KEY_SECRET_ARN: props.hashKeySecret.secretArn } : {}),
      },
    });
    if (deployment.usesHashKey) props.hashKeySecret.grantRead(this.function);
  }
}

/** A construct id from an entry file: `raffles/claim-ticket.ts` → `RafflesClaimTicket`. */
export const functionId = (handler: string) => {
  const name = handlerName(handler);
  return name.charAt(0).toUpperCase() + name.slice(1);
};
