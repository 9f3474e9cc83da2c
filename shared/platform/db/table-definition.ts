import type { CreateTableCommandInput } from "@aws-sdk/client-dynamodb";

/** The one table's shape, written once: the CDK stack and the local runtime both build from it. */
export const tableDefinition = {
  partitionKey: "pk",
  sortKey: "sk",
  /** Generic overloaded indexes; each domain documents what it keeps in them. */
  globalIndexes: [
    { indexName: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" },
    { indexName: "gsi2", partitionKey: "gsi2pk", sortKey: "gsi2sk" },
    { indexName: "gsi3", partitionKey: "gsi3pk", sortKey: "gsi3sk" },
  ],
  /** Epoch seconds after which DynamoDB may delete the item (lazily: readers check it too). */
  timeToLiveAttribute: "expires_at_epoch",
  streamViewType: "NEW_AND_OLD_IMAGES",
} as const;

/** The TTL attribute of an item that DynamoDB may delete from `expiresAtMs` on. */
export const timeToLive = (expiresAtMs: number) => ({
  [tableDefinition.timeToLiveAttribute]: Math.ceil(expiresAtMs / 1000),
});

/** The CreateTable request for a table of this shape (local runtime and tests). */
export function createTableInput(name: string): CreateTableCommandInput {
  const { partitionKey, sortKey, globalIndexes, streamViewType } = tableDefinition;
  const keyNames = [
    partitionKey,
    sortKey,
    ...globalIndexes.flatMap((i) => [i.partitionKey, i.sortKey]),
  ];
  return {
    TableName: name,
    BillingMode: "PAY_PER_REQUEST",
    AttributeDefinitions: keyNames.map((AttributeName) => ({ AttributeName, AttributeType: "S" })),
    KeySchema: [
      { AttributeName: partitionKey, KeyType: "HASH" },
      { AttributeName: sortKey, KeyType: "RANGE" },
    ],
    GlobalSecondaryIndexes: globalIndexes.map((index) => ({
      IndexName: index.indexName,
      KeySchema: [
        { AttributeName: index.partitionKey, KeyType: "HASH" },
        { AttributeName: index.sortKey, KeyType: "RANGE" },
      ],
      Projection: { ProjectionType: "ALL" },
    })),
    StreamSpecification: { StreamEnabled: true, StreamViewType: streamViewType },
  };
}
