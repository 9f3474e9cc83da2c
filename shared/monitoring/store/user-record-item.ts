import type { UserRecord } from "#monitoring/core/records";
import { DEFAULT_RISK_LEVEL, type RiskLevel } from "#monitoring/core/risk-limits";
import type { SecondBucket } from "#monitoring/core/user-state";
import { monitoringKeys } from "./keys";

type Item = Record<string, unknown>;

/** The state item that stores `record` (with its version already bumped by the caller). */
export function toUserRecordItem(record: UserRecord) {
  const { rules } = record;
  return {
    ...monitoringKeys.state(record.userId),
    user_id: record.userId,
    level: record.level,
    version: record.version,
    event_count: record.eventCount,
    first_time: record.firstTime ?? undefined,
    last_time: rules.lastTime ?? undefined,
    withdrawal_run: rules.withdrawalRun,
    increasing_run: rules.increasingRun,
    last_deposit_cents: rules.lastDepositCents ?? undefined,
    seconds: rules.seconds.map((bucket) => [...bucket]),
  };
}

/**
 * The record a state item holds (every writer stores `user_id`; a level set before any event
 * leaves the rules' attributes absent, which reads as a user with no events).
 */
export function fromUserRecordItem(item: Item): UserRecord {
  return {
    userId: Number(item.user_id),
    version: Number(item.version ?? 0),
    eventCount: Number(item.event_count ?? 0),
    level: (item.level as RiskLevel | undefined) ?? DEFAULT_RISK_LEVEL,
    // Users stored before the bound have no first_time: only the schema's absolute bound applies.
    firstTime: (item.first_time as number | undefined) ?? null,
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
