import type { EventRecord } from "#monitoring/core/records";
import type { RiskLevel } from "#monitoring/core/risk-limits";
import type { EventType } from "#monitoring/core/rules";
import { monitoringKeys } from "./keys";

type Item = Record<string, unknown>;

/** The item that stores an event in its user's partition. */
export const toEventItem = (event: EventRecord) => ({
  ...monitoringKeys.event(event.userId, event.seq),
  event_id: event.eventId,
  user_id: event.userId,
  seq: event.seq,
  type: event.type,
  amount_cents: event.amountCents,
  time: event.time,
  alert_codes: event.alertCodes,
  alert_id: event.alertId,
  risk_level: event.riskLevel,
  created_at: event.createdAt,
});

/** The event a stored event item holds. */
export const fromEventItem = (item: Item): EventRecord => ({
  eventId: item.event_id as string,
  userId: item.user_id as number,
  seq: item.seq as number,
  type: item.type as EventType,
  amountCents: item.amount_cents as number,
  time: item.time as number,
  alertCodes: item.alert_codes as number[],
  alertId: item.alert_id as string | undefined,
  riskLevel: item.risk_level as RiskLevel,
  createdAt: item.created_at as string,
});
