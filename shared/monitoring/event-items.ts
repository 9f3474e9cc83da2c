import type { EventInput } from "#monitoring/api/schemas";
import { monitoringKeys, recordId } from "./keys";
import { limitsByLevel } from "./limits";
import { judge } from "./rules";
import type { UserRecord } from "./user-record";
import { createdEventView } from "./views";

/**
 * Judges an event on a user's record and builds what storing it writes: the event item, the
 * alert item when codes fire, the record after the event (version bumped) and the event's
 * `POST /v1/events` view. Pure.
 */
export function judgeIntoItems(record: UserRecord, input: EventInput, createdAt: string) {
  const { codes, nextState } = judge(
    record.rules,
    { type: input.type, amountCents: input.amount, time: input.time },
    limitsByLevel[record.level],
  );
  const { userId } = record;
  const seq = record.eventCount + 1;
  const eventId = recordId("event", userId, seq);
  const alertId = codes.length ? recordId("alert", userId, seq) : undefined;
  const eventItem = {
    ...monitoringKeys.event(userId, seq),
    event_id: eventId,
    user_id: userId,
    seq,
    type: input.type,
    amount_cents: input.amount,
    time: input.time,
    alert_codes: codes,
    alert_id: alertId,
    risk_level: record.level,
    created_at: createdAt,
  };
  const alertItem = alertId
    ? {
        ...monitoringKeys.alert(userId, seq),
        gsi1pk: monitoringKeys.allAlertsShard(userId),
        gsi1sk: monitoringKeys.allAlertsSort(createdAt, userId, seq),
        alert_id: alertId,
        event_id: eventId,
        user_id: userId,
        alert_codes: codes,
        time: input.time,
        created_at: createdAt,
      }
    : undefined;
  const nextRecord: UserRecord = {
    ...record,
    version: record.version + 1,
    eventCount: seq,
    rules: nextState,
  };
  return { eventItem, alertItem, nextRecord, view: createdEventView(eventItem) };
}
