import { Duration } from "aws-cdk-lib";
import type { ITable } from "aws-cdk-lib/aws-dynamodb";
import { Rule, Schedule } from "aws-cdk-lib/aws-events";
import { LambdaFunction } from "aws-cdk-lib/aws-events-targets";
import type { Construct } from "constructs";
import type { ScheduledFunctionDefinition } from "#platform/function-definitions";
import { TableFunction } from "./table-function";

/** A function of ours that an EventBridge rule invokes on a fixed schedule. */
export class ScheduledFunction extends TableFunction {
  readonly rule: Rule;

  constructor(
    scope: Construct,
    id: string,
    props: { definition: ScheduledFunctionDefinition; table: ITable },
  ) {
    const { definition } = props;
    super(scope, id, { deployment: definition.function, table: props.table });
    this.rule = new Rule(this, "Schedule", {
      description: definition.description,
      schedule: Schedule.rate(Duration.minutes(definition.everyMinutes)),
      targets: [new LambdaFunction(this.function, { retryAttempts: 2 })],
    });
  }
}
