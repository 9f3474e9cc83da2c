import { randomUUID } from "node:crypto";
import { PutCommand, QueryCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import {
  type AlertRecord,
  type EventRecord,
  newUserRecord,
  type UserRecord,
} from "#monitoring/core/records";
import { db, tableName } from "#platform/db/client";
import {
  cancellationReasons,
  conditionFailureItem,
  isConditionFailure,
  isOwnEarlierWrite,
  type TransactItem,
} from "#platform/db/transactions";
import { throwIfKeyTaken } from "#platform/idempotency/once";
import { fromEntryState, toEventEntry, toLevelEntry } from "./entry-item";
import { monitoringKeys } from "./keys";

/**
 * A user's state: their latest entry, read strongly consistent (it is the base of the next
 * entry's conditional write); a user with no entries has the state of a new user.
 */
export async function readUserRecord(userId: number): Promise<UserRecord> {
  const { Items } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: {
        ":pk": monitoringKeys.userPartition(userId),
        ":prefix": monitoringKeys.entryPrefix,
      },
      ScanIndexForward: false,
      Limit: 1,
      ConsistentRead: true,
    }),
  );
  const latest = Items?.[0];
  return latest ? fromEntryState(latest) : newUserRecord(userId);
}

/**
 * The state a writer of `userId`'s history judges again on after each lost write: the entry
 * handed back the first time (most often the one entry that got ahead: a level change, another
 * instance's event), then the latest entry, read, rather than following the history one entry
 * at a time.
 */
export function afterLostWrites(userId: number) {
  let lostBefore = false;
  return async (result: { current: UserRecord | undefined }): Promise<UserRecord> => {
    const handedBack = lostBefore ? undefined : result.current;
    lostBefore = true;
    return handedBack ?? (await readUserRecord(userId));
  };
}

/**
 * How a write of entries ended: stored, or another writer took the first number first (with
 * that writer's entry, the state after it, when DynamoDB handed it back; a later one may follow).
 */
export type EntryWriteResult =
  | { stored: true }
  | { stored: false; current: UserRecord | undefined };

/** One judged event to store: the event, its alert, the state after it, what commits with it. */
export interface EventEntry {
  event: EventRecord;
  alert?: AlertRecord | undefined;
  record: UserRecord;
  /** The attributes of the alert's webhook event, which its entry carries. */
  webhookEvent?: Record<string, unknown> | undefined;
  /** Written in the same transaction: the key's record. */
  alongside?: readonly TransactItem[];
}

// Every entry takes a number no entry has: the condition is the history's lock. A lost race
// hands back the entry that took the number, so the writer judges again without a read.
const entryCondition = {
  ConditionExpression: "attribute_not_exists(pk)",
  ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
};

/**
 * Stores judged events, numbered after the state they were judged on: one conditional PutItem
 * for a lone event with nothing alongside (without a key, whether it raised an alert or not),
 * else one transaction of the entries and what commits with them.
 */
export async function storeEvents(entries: readonly EventEntry[]): Promise<EntryWriteResult> {
  const items = entries.map(({ event, alert, record, webhookEvent }) =>
    toEventEntry(event, alert, record, webhookEvent),
  );
  const alongside = entries.flatMap((entry) => entry.alongside ?? []);
  const [only] = items;
  if (only && items.length === 1 && alongside.length === 0) return putEntry(only);
  const transactItems = [
    ...items.map((Item) => ({ Put: { TableName: tableName, Item, ...entryCondition } })),
    ...alongside,
  ];
  try {
    await db.send(new TransactWriteCommand({ TransactItems: transactItems }));
    return { stored: true };
  } catch (error) {
    // A duplicate of a keyed event fails on its entry's number too: the key's answer first.
    throwIfKeyTaken(error, transactItems);
    const taken = (cancellationReasons(error) ?? [])
      .slice(0, items.length)
      .filter((reason) => reason.code === "ConditionalCheckFailed");
    if (taken.length === 0) throw error;
    // The highest number taken is the nearest to the user's latest entry.
    const latest = taken.flatMap((reason) => (reason.item ? [fromEntryState(reason.item)] : []));
    return { stored: false, current: latest.sort((a, b) => b.seq - a.seq)[0] };
  }
}

/** Stores a change of the user's risk level: `record` is the state after it, numbered. */
export const storeLevel = (record: UserRecord): Promise<EntryWriteResult> =>
  putEntry(toLevelEntry(record));

/**
 * Writes one entry with a conditional PutItem. A transaction is made once by its client request
 * token; a PutItem has none, so the entry carries a token only this write knows, and the SDK's
 * retry of it after a lost answer finds its own first try by it.
 */
async function putEntry(entry: Record<string, unknown>): Promise<EntryWriteResult> {
  const writeToken = randomUUID();
  const Item = { ...entry, write_token: writeToken };
  try {
    await db.send(new PutCommand({ TableName: tableName, Item, ...entryCondition }));
    return { stored: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    // The SDK sent it again after a lost answer: the entry that took the number is this one.
    if (isOwnEarlierWrite(error, { write_token: writeToken })) return { stored: true };
    const current = conditionFailureItem(error);
    return { stored: false, current: current && fromEntryState(current) };
  }
}
