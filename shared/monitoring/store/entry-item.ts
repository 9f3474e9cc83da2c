import { sortableSeq } from "#monitoring/core/record-ids";
import type { AlertRecord, EventRecord, UserRecord } from "#monitoring/core/records";
import { DEFAULT_RISK_LEVEL, type RiskLevel } from "#monitoring/core/risk-limits";
import type { EventType } from "#monitoring/core/rules";
import type { SecondBucket } from "#monitoring/core/user-state";
import { monitoringKeys } from "./keys";

type Item = Record<string, unknown>;

/** What every entry carries: its place in the history and the user's state after it. */
function stateAttributes(record: UserRecord) {
  const { rules } = record;
  return {
    ...monitoringKeys.entry(record.userId, record.seq),
    user_id: record.userId,
    seq: record.seq,
    level: record.level,
    first_time: record.firstTime ?? undefined,
    last_time: rules.lastTime ?? undefined,
    withdrawal_run: rules.withdrawalRun,
    increasing_run: rules.increasingRun,
    last_deposit_cents: rules.lastDepositCents ?? undefined,
    seconds: rules.seconds.map((bucket) => [...bucket]),
  };
}

/**
 * The entry of an event: the event, its alert's fields and index keys when it raised one, and
 * `record`, the user's state after it (numbered as the event); with an alert, `webhookEvent`:
 * the attributes of the alert's webhook event, which the entry carries (gsi1 is theirs).
 */
export const toEventEntry = (
  event: EventRecord,
  alert: AlertRecord | undefined,
  record: UserRecord,
  webhookEvent: Record<string, unknown> = {},
) => ({
  ...webhookEvent,
  ...stateAttributes(record),
  kind: "event",
  event_id: event.eventId,
  type: event.type,
  amount_cents: event.amountCents,
  time: event.time,
  alert_codes: event.alertCodes,
  created_at: event.createdAt,
  ...(alert && {
    alert_id: alert.alertId,
    gsi3pk: monitoringKeys.allAlertsShard(alert.userId),
    gsi3sk: monitoringKeys.allAlertsSort(alert.createdAt, alert.userId, alert.seq),
    gsi2pk: monitoringKeys.userAlerts(alert.userId),
    gsi2sk: sortableSeq(alert.seq),
  }),
});

/** The entry of a change of the user's risk level: `record` is the state after it. */
export const toLevelEntry = (record: UserRecord) => ({
  ...stateAttributes(record),
  kind: "level",
});

/** The user's state after a stored entry. */
export const fromEntryState = (item: Item): UserRecord => ({
  userId: Number(item.user_id),
  seq: Number(item.seq),
  level: (item.level as RiskLevel | undefined) ?? DEFAULT_RISK_LEVEL,
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
});

/** The event a stored entry holds; undefined for a level entry. */
export const fromEventEntry = (item: Item): EventRecord | undefined =>
  item.kind !== "event"
    ? undefined
    : {
        eventId: item.event_id as string,
        userId: item.user_id as number,
        seq: item.seq as number,
        type: item.type as EventType,
        amountCents: item.amount_cents as number,
        time: item.time as number,
        alertCodes: item.alert_codes as number[],
        alertId: item.alert_id as string | undefined,
        riskLevel: item.level as RiskLevel,
        createdAt: item.created_at as string,
      };

/** The alert a stored entry holds; undefined for an event that raised none and a level entry. */
export const fromAlertEntry = (item: Item): AlertRecord | undefined =>
  item.kind !== "event" || item.alert_id === undefined
    ? undefined
    : {
        alertId: item.alert_id as string,
        eventId: item.event_id as string,
        userId: item.user_id as number,
        seq: item.seq as number,
        alertCodes: item.alert_codes as number[],
        time: item.time as number,
        createdAt: item.created_at as string,
      };
