import { recordId } from "./record-ids";
import type { AlertRecord, EventRecord, UserRecord } from "./records";
import { limitsByLevel } from "./risk-limits";
import { isOutOfOrder, judge, type MoneyEvent } from "./rules";

/**
 * How far past the user's first event a time may be: 10 years of seconds (API.md), so one absurd
 * value cannot make every later real event of the user 409 `out_of_order`.
 */
export const MAX_TIME_PAST_FIRST = 10 * 365.25 * 86_400;

/** What recording an event on a user's record decides. */
export type EventDecision =
  /** Older than the user's latest event: refused, nothing stored. */
  | { outcome: "out_of_order"; latestTime: number | null }
  /** More than 10 years past the user's first event: refused, nothing stored. */
  | { outcome: "too_far_ahead"; latestAllowed: number }
  /** Judged: the event to store, its alert when codes fire, and the user's record after it. */
  | { outcome: "record"; event: EventRecord; alert?: AlertRecord; nextRecord: UserRecord };

/**
 * Judges an event on a user's record at the user's level: refused when older than the user's
 * latest or more than 10 years past the user's first; otherwise the event (numbered after the
 * user's latest entry: the write claims that number), the alert when codes fire, and the record
 * after the event. Pure.
 */
export function decideEvent(
  record: UserRecord,
  event: MoneyEvent,
  createdAt: string,
): EventDecision {
  if (isOutOfOrder(record.rules, event.time)) {
    return { outcome: "out_of_order", latestTime: record.rules.lastTime };
  }
  if (record.firstTime !== null && event.time > record.firstTime + MAX_TIME_PAST_FIRST) {
    return { outcome: "too_far_ahead", latestAllowed: record.firstTime + MAX_TIME_PAST_FIRST };
  }
  const { codes, nextState } = judge(record.rules, event, limitsByLevel[record.level]);
  const { userId } = record;
  const seq = record.seq + 1;
  const eventId = recordId("event", userId, seq);
  const alertId = codes.length ? recordId("alert", userId, seq) : undefined;
  const stored: EventRecord = {
    eventId,
    userId,
    seq,
    type: event.type,
    amountCents: event.amountCents,
    time: event.time,
    alertCodes: codes,
    alertId,
    riskLevel: record.level,
    createdAt,
  };
  const nextRecord: UserRecord = {
    ...record,
    seq,
    rules: nextState,
    firstTime: record.firstTime ?? event.time,
  };
  if (!alertId) return { outcome: "record", event: stored, nextRecord };
  const alert: AlertRecord = {
    alertId,
    eventId,
    userId,
    seq,
    alertCodes: codes,
    time: event.time,
    createdAt,
  };
  return { outcome: "record", event: stored, alert, nextRecord };
}
