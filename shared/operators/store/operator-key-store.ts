import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { GetCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { OperatorKeyRecord } from "#operators/core/operator-key";
import { db, tableName } from "#platform/db/client";
import { queryPage } from "#platform/db/query-page";
import { DomainError } from "#platform/errors";
import { idItemKey, KEY_LIST_PARTITION, keyItemKey } from "./keys";
import { fromOperatorKeyItem, toOperatorKeyIdItem, toOperatorKeyItem } from "./operator-key-item";

/** Stores a new key: its key item and its id item, both new, in one transaction. */
export async function putOperatorKey(record: OperatorKeyRecord): Promise<void> {
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        {
          Put: {
            TableName: tableName,
            Item: toOperatorKeyItem(record),
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
        {
          Put: {
            TableName: tableName,
            Item: toOperatorKeyIdItem(record),
            ConditionExpression: "attribute_not_exists(pk)",
          },
        },
      ],
    }),
  );
}

/**
 * Marks a live key used, in one conditional write: it succeeds only if the key exists and is not
 * revoked. Otherwise the key item is read (consistently) to tell unknown from revoked.
 */
export async function touchOperatorKey(
  keyHash: string,
  usedAt: string,
): Promise<OperatorKeyRecord | undefined> {
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: keyItemKey(keyHash),
        UpdateExpression: "SET last_used_at = :now",
        ConditionExpression: "attribute_exists(pk) AND attribute_not_exists(revoked_at)",
        ExpressionAttributeValues: { ":now": usedAt },
        ReturnValues: "ALL_NEW",
      }),
    );
    return Attributes ? fromOperatorKeyItem(Attributes) : undefined;
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    const { Item } = await db.send(
      new GetCommand({ TableName: tableName, Key: keyItemKey(keyHash), ConsistentRead: true }),
    );
    return Item ? fromOperatorKeyItem(Item) : undefined;
  }
}

/** Revokes a key by id, at once (the next request with it is refused); 404 for no such key. */
export async function revokeOperatorKey(id: string, revokedAt: string): Promise<void> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: idItemKey(id), ConsistentRead: true }),
  );
  if (!Item) throw DomainError.notFound("operator_key");
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: keyItemKey(String(Item.key_hash)),
      // A key revoked twice keeps its first revocation time.
      UpdateExpression: "SET revoked_at = if_not_exists(revoked_at, :now)",
      ConditionExpression: "attribute_exists(pk)",
      ExpressionAttributeValues: { ":now": revokedAt },
    }),
  );
}

/** A page of keys, oldest first. */
export function listOperatorKeys(page: { limit: number; cursor?: string | undefined }) {
  return queryPage(
    {
      TableName: tableName,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :p",
      ExpressionAttributeValues: { ":p": KEY_LIST_PARTITION },
    },
    page,
    {
      names: ["pk", "sk", "gsi1pk", "gsi1sk"],
      partition: { name: "gsi1pk", value: KEY_LIST_PARTITION },
    },
    fromOperatorKeyItem,
  );
}
