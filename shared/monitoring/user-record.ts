import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "#platform/db/client";
import { monitoringKeys } from "./keys";
import { DEFAULT_RISK_LEVEL, type RiskLevel } from "./limits";
import { emptyUserState, type SecondBucket, type UserState } from "./user-state";

/** A user's state item: risk level, optimistic-lock version, event count and rules state. */
export interface UserRecord {
  userId: number;
  /** 0 when the item does not exist yet. */
  version: number;
  /** Events stored so far; the next event's sequence number is one more. */
  eventCount: number;
  level: RiskLevel;
  rules: UserState;
}

/** The record held by a state item (or a new user's record when there is none). */
export function userRecordFromItem(userId: number, item?: Record<string, unknown>): UserRecord {
  if (!item) {
    return { userId, version: 0, eventCount: 0, level: DEFAULT_RISK_LEVEL, rules: emptyUserState };
  }
  return {
    userId,
    version: Number(item.version ?? 0),
    eventCount: Number(item.event_count ?? 0),
    level: (item.level as RiskLevel | undefined) ?? DEFAULT_RISK_LEVEL,
    rules: {
      lastTime: (item.last_time as number | undefined) ?? null,
      withdrawalRun: Number(item.withdrawal_run ?? 0),
      increasingRun: Number(item.increasing_run ?? 0),
      lastDepositCents: (item.last_deposit_cents as number | undefined) ?? null,
      seconds: ((item.seconds as number[][] | undefined) ?? []).map(
        ([second, sum, count]) => [second, sum, count] as SecondBucket,
      ),
    },
  };
}

/** The state item that stores `record` (with its version already bumped by the caller). */
export function userStateItem(record: UserRecord) {
  const { rules } = record;
  return {
    ...monitoringKeys.state(record.userId),
    user_id: record.userId,
    level: record.level,
    version: record.version,
    event_count: record.eventCount,
    last_time: rules.lastTime ?? undefined,
    withdrawal_run: rules.withdrawalRun,
    increasing_run: rules.increasingRun,
    last_deposit_cents: rules.lastDepositCents ?? undefined,
    seconds: rules.seconds.map((bucket) => [...bucket]),
  };
}

/** Reads a user's state item, strongly consistent: it is the base of a conditional write. */
export async function readUserRecord(userId: number): Promise<UserRecord> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: monitoringKeys.state(userId),
      ConsistentRead: true,
    }),
  );
  return userRecordFromItem(userId, Item);
}
