import type { IConstruct } from "constructs";

/**
 * The deployment's optional stage (`cdk deploy -c stage=dev`, or `STAGE=dev npm run deploy`), so
 * one account and region can hold `dev` and `prod`: it names the stack (`Tombola-dev`; without
 * a stage, `Tombola`), and with it every resource name CloudFormation derives from the stack's,
 * and the `service` dimension of the stage's metrics (`tombola-dev`), so one stage's alarms and
 * dashboard never count another's.
 */
export const STAGE_PATTERN = /^[a-z][a-z0-9-]{0,19}$/;

/** The stage named by the app's context, or undefined; a malformed one stops the synth. */
export function stageOf(scope: IConstruct): string | undefined {
  const stage: unknown = scope.node.tryGetContext("stage");
  if (stage === undefined || stage === "") return undefined;
  if (typeof stage !== "string" || !STAGE_PATTERN.test(stage)) {
    throw new Error(
      `stage must match ${STAGE_PATTERN} (lower-case letters, digits, dashes), not ${JSON.stringify(stage)}`,
    );
  }
  return stage;
}

/** The stack's name: `Tombola`, or `Tombola-<stage>`. */
export const stackNameFor = (stage: string | undefined) => (stage ? `Tombola-${stage}` : "Tombola");

/** Every log line's `service` and every metric's `service` dimension in this stage. */
export const serviceNameFor = (stage: string | undefined) =>
  stage ? `tombola-${stage}` : "tombola";

/** The service name of the stage `scope` is synthesized for. */
export const serviceNameOf = (scope: IConstruct) => serviceNameFor(stageOf(scope));
