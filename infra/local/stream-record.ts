import { randomUUID } from "node:crypto";
import type {
  _Record,
  AttributeValue as StreamAttributeValue,
} from "@aws-sdk/client-dynamodb-streams";
import { marshall } from "@aws-sdk/util-dynamodb";
import type { AttributeValue, DynamoDBRecord } from "aws-lambda";
import { tableDefinition } from "#platform/db/table-definition";

type SdkValue = StreamAttributeValue | Record<string, unknown>;
const base64 = (bytes: Uint8Array) => Buffer.from(bytes).toString("base64");

/** An attribute value as the SDK decodes it, in the JSON form Lambda's event carries. */
function toEventValue(value: SdkValue): AttributeValue {
  const v = value as Record<string, unknown>;
  if (v.B !== undefined) return { B: base64(v.B as Uint8Array) };
  if (v.BS !== undefined) return { BS: (v.BS as Uint8Array[]).map(base64) };
  if (v.L !== undefined) return { L: (v.L as SdkValue[]).map(toEventValue) };
  if (v.M !== undefined) return { M: toEventImage(v.M as Record<string, SdkValue>) ?? {} };
  const [[type, inner]] = Object.entries(v).filter(([, x]) => x !== undefined) as [
    [string, unknown],
  ];
  return { [type]: inner } as AttributeValue;
}

function toEventImage(image: Record<string, SdkValue> | undefined) {
  if (!image) return undefined;
  return Object.fromEntries(
    Object.entries(image).map(([name, value]) => [name, toEventValue(value)]),
  );
}

/** A record from GetRecords as Lambda hands it to a function: epoch seconds, base64 binaries. */
export function toLambdaRecord(record: _Record, streamArn: string): DynamoDBRecord {
  const stream = record.dynamodb ?? {};
  const created = stream.ApproximateCreationDateTime;
  return {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource ?? "aws:dynamodb",
    awsRegion: record.awsRegion,
    eventSourceARN: streamArn,
    dynamodb: {
      ...(created ? { ApproximateCreationDateTime: Math.floor(created.getTime() / 1000) } : {}),
      Keys: toEventImage(stream.Keys),
      ...(stream.NewImage ? { NewImage: toEventImage(stream.NewImage) } : {}),
      ...(stream.OldImage ? { OldImage: toEventImage(stream.OldImage) } : {}),
      SequenceNumber: stream.SequenceNumber,
      SizeBytes: stream.SizeBytes,
      StreamViewType: stream.StreamViewType,
    },
    ...(record.userIdentity ? { userIdentity: record.userIdentity } : {}),
  };
}

/**
 * The INSERT record the stream would have carried for an item already in the table: how the
 * runner hands over work it finds pending on start, through the same filter and handler.
 */
export function insertRecordOf(
  item: Record<string, unknown>,
  streamArn: string,
  sequenceNumber: string,
): DynamoDBRecord {
  const image = marshall(item, { removeUndefinedValues: true }) as Record<string, SdkValue>;
  const { partitionKey, sortKey } = tableDefinition;
  const keys = { [partitionKey]: image[partitionKey], [sortKey]: image[sortKey] } as Record<
    string,
    SdkValue
  >;
  return {
    eventID: randomUUID(),
    eventName: "INSERT",
    eventVersion: "1.1",
    eventSource: "aws:dynamodb",
    awsRegion: process.env.AWS_REGION ?? "local",
    eventSourceARN: streamArn,
    dynamodb: {
      ApproximateCreationDateTime: Math.floor(Date.now() / 1000),
      Keys: toEventImage(keys),
      NewImage: toEventImage(image),
      SequenceNumber: sequenceNumber,
      SizeBytes: JSON.stringify(image).length,
      StreamViewType: tableDefinition.streamViewType,
    },
  };
}
