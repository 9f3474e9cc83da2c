import { GetCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { AlertRecord, EventRecord, UserRecord } from "#monitoring/core/records";
import { newUserRecord } from "#monitoring/core/records";
import type { RiskLevel } from "#monitoring/core/risk-limits";
import { db, tableName } from "#platform/db/client";
import { cancellationReasons, type TransactItem } from "#platform/db/transactions";
import { throwIfKeyTaken } from "#platform/idempotency/once";
import { toAlertItem } from "./alert-item";
import { toEventItem } from "./event-item";
import { monitoringKeys } from "./keys";
import { fromUserRecordItem, toUserRecordItem } from "./user-record-item";

/** Reads a user's state item, strongly consistent: it is the base of a conditional write. */
export async function readUserRecord(userId: number): Promise<UserRecord> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: monitoringKeys.state(userId),
      ConsistentRead: true,
    }),
  );
  return Item ? fromUserRecordItem(Item) : newUserRecord(userId);
}

/**
 * Sets a user's risk level on their state item, bumping its version: an event being judged
 * concurrently at the old level then fails its condition and is judged again at the new one.
 */
export async function writeRiskLevel(userId: number, level: RiskLevel): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: monitoringKeys.state(userId),
      UpdateExpression:
        "SET #level = :level, user_id = :user, #version = if_not_exists(#version, :zero) + :one",
      ExpressionAttributeNames: { "#level": "level", "#version": "version" },
      ExpressionAttributeValues: { ":level": level, ":user": userId, ":zero": 0, ":one": 1 },
    }),
  );
}

// Event and alert items are new by construction (their seq follows the checked version); the
// condition only makes a broken invariant fail loudly instead of overwriting history.
const putNew = (item: Record<string, unknown>) => ({
  Put: { TableName: tableName, Item: item, ConditionExpression: "attribute_not_exists(pk)" },
});

/**
 * What storing judged events writes: the user's record after the last of them, and each event
 * with its alert if any (one, or several judged one after another in one turn).
 */
export interface EventWrite {
  /** The version the record was read at (0: nothing stored yet). */
  readVersion: number;
  nextRecord: UserRecord;
  /** Each event, its alert, and what commits with it (its key's record, its webhook event). */
  events: {
    event: EventRecord;
    alert?: AlertRecord | undefined;
    alongside?: readonly TransactItem[];
  }[];
}

/**
 * How a conditional event write ended: stored, or another write to the user's state came first
 * (with the winner's record when DynamoDB handed it back, to judge again without another read).
 */
export type EventWriteResult =
  | { stored: true }
  | { stored: false; current: UserRecord | undefined };

/**
 * Stores events, their alerts and what commits with each, and the user's next state, in one
 * transaction conditional on the state's version (or on its absence for a new user).
 */
export async function storeEvent(write: EventWrite): Promise<EventWriteResult> {
  const isNew = write.readVersion === 0;
  const transactItems = [
    {
      Put: {
        TableName: tableName,
        Item: toUserRecordItem(write.nextRecord),
        ...(isNew
          ? { ConditionExpression: "attribute_not_exists(pk)" }
          : {
              ConditionExpression: "#version = :version",
              ExpressionAttributeNames: { "#version": "version" },
              ExpressionAttributeValues: { ":version": write.readVersion },
            }),
        // A lost race hands back the winner's state: judge again without another read.
        ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
      },
    },
    ...write.events.flatMap(({ event, alert, alongside }) => [
      putNew(toEventItem(event)),
      ...(alert ? [putNew(toAlertItem(alert))] : []),
      ...(alongside ?? []),
    ]),
  ];
  try {
    await db.send(new TransactWriteCommand({ TransactItems: transactItems }));
    return { stored: true };
  } catch (error) {
    // A duplicate of a keyed event fails on the state's version too: the key's answer first.
    throwIfKeyTaken(error, transactItems);
    const stateReason = cancellationReasons(error)?.[0];
    if (stateReason?.code !== "ConditionalCheckFailed") throw error;
    return {
      stored: false,
      current: stateReason.item ? fromUserRecordItem(stateReason.item) : undefined,
    };
  }
}
