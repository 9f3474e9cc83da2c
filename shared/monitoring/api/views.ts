import { formatCents } from "#monitoring/core/amount";
import type { AlertRecord, EventRecord } from "#monitoring/core/records";
import type { AlertView, CreatedEventView, EventView } from "./schemas";

/** What every view of a stored event shows: its id, user and alert. */
export const createdEventViewOf = (event: EventRecord): CreatedEventView => ({
  event_id: event.eventId,
  user_id: event.userId,
  alert: event.alertCodes.length > 0,
  alert_codes: event.alertCodes,
  alert_id: event.alertId ?? null,
});

/** The API view of a stored event. */
export const eventViewOf = (event: EventRecord): EventView => ({
  ...createdEventViewOf(event),
  type: event.type,
  amount: formatCents(event.amountCents),
  time: event.time,
  risk_level: event.riskLevel,
  created_at: event.createdAt,
});

/** The API view of a stored alert. */
export const alertViewOf = (alert: AlertRecord): AlertView => ({
  alert_id: alert.alertId,
  event_id: alert.eventId,
  user_id: alert.userId,
  alert_codes: alert.alertCodes,
  time: alert.time,
  created_at: alert.createdAt,
});
