import { App, Aspects } from "aws-cdk-lib";
import { AwsSolutionsChecks } from "cdk-nag";
import { TombolaStack } from "./stack";

const app = new App();
new TombolaStack(app, "Tombola", {
  description: "Tombola: raffles, accounts and monitoring of money movements",
});
Aspects.of(app).add(new AwsSolutionsChecks({ verbose: true }));
