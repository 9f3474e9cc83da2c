import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  GetShardIteratorCommand,
} from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBRecord } from "aws-lambda";
import { dynamoDbClientConfig } from "#platform/db/client-config";
import { toLambdaRecord } from "../../infra/local/stream-record";

/**
 * Every record on this file's table's stream so far, read from DynamoDB Local as the runner
 * reads it and shaped as Lambda delivers it; `after` skips the ones already seen.
 */
export async function streamRecords(after = 0): Promise<DynamoDBRecord[]> {
  const config = dynamoDbClientConfig(process.env.DYNAMODB_ENDPOINT);
  const table = await new DynamoDBClient(config).send(
    new DescribeTableCommand({ TableName: process.env.TABLE_NAME }),
  );
  const arn = table.Table?.LatestStreamArn as string;
  const streams = new DynamoDBStreamsClient(config);
  const { StreamDescription } = await streams.send(new DescribeStreamCommand({ StreamArn: arn }));
  const records: DynamoDBRecord[] = [];
  for (const shard of StreamDescription?.Shards ?? []) {
    let { ShardIterator: iterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: arn,
        ShardId: shard.ShardId,
        ShardIteratorType: "TRIM_HORIZON",
      }),
    );
    while (iterator) {
      const page = await streams.send(new GetRecordsCommand({ ShardIterator: iterator }));
      records.push(...(page.Records ?? []).map((record) => toLambdaRecord(record, arn)));
      if ((page.Records ?? []).length === 0) break;
      iterator = page.NextShardIterator;
    }
  }
  streams.destroy();
  return records.slice(after);
}
