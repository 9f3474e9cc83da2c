import { Aws, CfnCondition, CfnParameter, Fn } from "aws-cdk-lib";
import { PolicyStatement, ServicePrincipal } from "aws-cdk-lib/aws-iam";
import { CfnSubscription, Topic } from "aws-cdk-lib/aws-sns";
import { NagSuppressions } from "cdk-nag";
import { Construct } from "constructs";
import { stageOf } from "./stage";

/**
 * The SNS topic every alarm notifies, entering ALARM and back to OK; the `AlarmEmail` stack
 * parameter subscribes an address to it (only when set: a CloudFormation condition).
 */
export class AlarmTopic extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const stage = stageOf(this);
    const email = new CfnParameter(scope, "AlarmEmail", {
      type: "String",
      default: "",
      allowedPattern: "^$|^[^@\\s]+@[^@\\s]+\\.[^@\\s]+$",
      description:
        "An email address the alarms notify (it must confirm the subscription); empty: none",
    }).valueAsString;
    this.topic = new Topic(this, "Topic", {
      displayName: stage ? `Tombola ${stage} alarms` : "Tombola alarms",
      enforceSSL: true,
    });
    this.topic.addToResourcePolicy(
      new PolicyStatement({
        principals: [new ServicePrincipal("cloudwatch.amazonaws.com")],
        actions: ["sns:Publish"],
        resources: [this.topic.topicArn],
        conditions: { StringEquals: { "aws:SourceAccount": Aws.ACCOUNT_ID } },
      }),
    );
    NagSuppressions.addResourceSuppressions(this.topic, [
      {
        id: "AwsSolutions-SNS2",
        reason:
          "Alarm notifications carry alarm names and metric values, no data of ours; CloudWatch cannot publish to a topic under the AWS managed SNS key, and a key of our own would only guard those.",
      },
    ]);
    const hasEmail = new CfnCondition(scope, "HasAlarmEmail", {
      expression: Fn.conditionNot(Fn.conditionEquals(email, "")),
    });
    const subscription = new CfnSubscription(this, "Email", {
      protocol: "email",
      endpoint: email,
      topicArn: this.topic.topicArn,
    });
    subscription.cfnOptions.condition = hasEmail;
  }
}
