import { Duration } from "aws-cdk-lib";
import { Queue, QueueEncryption } from "aws-cdk-lib/aws-sqs";
import { NagSuppressions } from "cdk-nag";
import type { Construct } from "constructs";

/**
 * The one on-failure destination of every stream function's event source mapping: an encrypted,
 * TLS-only SQS queue where Lambda puts a record of each batch of the table's stream that a
 * function never processed, kept 14 days. One queue for all of them, not one each: a queue
 * of its own cost each stream function three of CloudFormation's 500 resources a stack (queue,
 * queue policy, alarm), and Lambda's record already says which function gave up
 * (`requestContext.functionArn`) and on what (`DDBStreamBatchInfo`: shard, sequence numbers).
 * Each function may only send to it (the grant of its mapping's `SqsDlq`); `ServiceAlarms`
 * alarms on its depth.
 */
export class StreamOnFailureQueue extends Queue {
  constructor(scope: Construct, id: string) {
    super(scope, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    NagSuppressions.addResourceSuppressions(this, [
      {
        id: "AwsSolutions-SQS3",
        reason:
          "This queue is itself the stream mappings' on-failure destination (a dead-letter queue): it holds the metadata of records the stream functions never processed, for operators, and is alarmed.",
      },
    ]);
  }
}
