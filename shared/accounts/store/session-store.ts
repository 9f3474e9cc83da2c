import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { SessionRecord } from "#accounts/core/session";
import { batchDeleteAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";
import { queryAll } from "#platform/db/query-page";
import type { TransactItem } from "#platform/db/transactions";
import { accountKeys } from "./keys";
import { fromSessionItem, toSessionItem, toSessionRefItem } from "./session-item";

/** The two puts that create a session (looked up by token hash, listed under the account). */
export function sessionPuts(session: SessionRecord, createdAtMs: number): TransactItem[] {
  return [
    { Put: { TableName: tableName, Item: toSessionItem(session, createdAtMs) } },
    { Put: { TableName: tableName, Item: toSessionRefItem(session) } },
  ];
}

/** The session stored under a token hash, expired or not; undefined when there is none. */
export async function findSession(tokenHash: string): Promise<SessionRecord | undefined> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: accountKeys.session(tokenHash),
      // A log-out must take effect on the very next request.
      ConsistentRead: true,
    }),
  );
  return Item ? fromSessionItem(tokenHash, Item) : undefined;
}

/** Deletes one session (log-out): both of its items at once. */
export async function deleteSession(accountId: string, tokenHash: string): Promise<void> {
  await db.send(
    new TransactWriteCommand({
      TransactItems: [
        { Delete: { TableName: tableName, Key: accountKeys.session(tokenHash) } },
        { Delete: { TableName: tableName, Key: accountKeys.sessionRef(accountId, tokenHash) } },
      ],
    }),
  );
}

/** The token hashes of every session of an account (strongly consistent: none is missed). */
async function sessionHashesOf(accountId: string): Promise<string[]> {
  const { pk, skPrefix } = accountKeys.sessionRefs(accountId);
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
    ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
    ProjectionExpression: "sk",
    ConsistentRead: true,
  });
  return items.map((item) => (item.sk as string).slice(skPrefix.length));
}

/**
 * Revokes every session of an account except `keepTokenHash` (password change keeps the
 * caller's own session; account deletion keeps none). Returns how many were revoked.
 */
export async function revokeSessions(accountId: string, keepTokenHash?: string): Promise<number> {
  const hashes = (await sessionHashesOf(accountId)).filter((hash) => hash !== keepTokenHash);
  await batchDeleteAll(
    hashes.flatMap((hash) => [accountKeys.session(hash), accountKeys.sessionRef(accountId, hash)]),
  );
  return hashes.length;
}
