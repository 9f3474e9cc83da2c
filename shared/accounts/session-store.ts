import {
  GetCommand,
  QueryCommand,
  TransactWriteCommand,
  type TransactWriteCommandInput,
} from "@aws-sdk/lib-dynamodb";
import { batchDeleteAll } from "../db/batches";
import { db, tableName } from "../db/client";
import { accountKeys } from "./keys";

/** A stored session as authentication reads it. */
export interface SessionRecord {
  accountId: string;
  tokenHash: string;
  expiresAtMs: number;
}

type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** The two puts that create a session (looked up by token hash, listed under the account). */
export function sessionPuts(session: SessionRecord, createdAtMs: number): TransactItem[] {
  const expiresAtEpoch = Math.ceil(session.expiresAtMs / 1000);
  return [
    {
      Put: {
        TableName: tableName,
        Item: {
          ...accountKeys.session(session.tokenHash),
          type: "session",
          account_id: session.accountId,
          created_at: new Date(createdAtMs).toISOString(),
          expires_at: new Date(session.expiresAtMs).toISOString(),
          expires_at_epoch: expiresAtEpoch,
        },
      },
    },
    {
      Put: {
        TableName: tableName,
        Item: {
          ...accountKeys.sessionRef(session.accountId, session.tokenHash),
          type: "session_ref",
          expires_at_epoch: expiresAtEpoch,
        },
      },
    },
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
  if (!Item) return undefined;
  return {
    accountId: Item.account_id as string,
    tokenHash,
    expiresAtMs: Date.parse(Item.expires_at as string),
  };
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
  const hashes: string[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
        ProjectionExpression: "sk",
        ConsistentRead: true,
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) hashes.push((item.sk as string).slice(skPrefix.length));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return hashes;
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
