import { App, Aspects } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { TombolaStack } from "./stack";
import { stackNameFor, stageOf } from "./stage";

const app = new App();
const stage = stageOf(app);
new TombolaStack(app, stackNameFor(stage), {
  description: `Tombola${stage ? ` (${stage})` : ""}: raffles, coupons, accounts, ledger, notifications and monitoring of money movements`,
});
Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
