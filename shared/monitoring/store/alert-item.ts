import type { AlertRecord } from "#monitoring/core/records";
import { monitoringKeys } from "./keys";

type Item = Record<string, unknown>;

/** The item that stores an alert: in its user's partition, and on gsi1's list of all alerts. */
export const toAlertItem = (alert: AlertRecord) => ({
  ...monitoringKeys.alert(alert.userId, alert.seq),
  gsi1pk: monitoringKeys.allAlertsShard(alert.userId),
  gsi1sk: monitoringKeys.allAlertsSort(alert.createdAt, alert.userId, alert.seq),
  alert_id: alert.alertId,
  event_id: alert.eventId,
  user_id: alert.userId,
  alert_codes: alert.alertCodes,
  time: alert.time,
  created_at: alert.createdAt,
});

/** The alert a stored alert item holds (its `seq` is read from its sort key). */
export const fromAlertItem = (item: Item): AlertRecord => ({
  alertId: item.alert_id as string,
  eventId: item.event_id as string,
  userId: item.user_id as number,
  seq: Number(String(item.sk).slice(String(monitoringKeys.alertPrefix).length)),
  alertCodes: item.alert_codes as number[],
  time: item.time as number,
  createdAt: item.created_at as string,
});
