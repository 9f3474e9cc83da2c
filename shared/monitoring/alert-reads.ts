import { tableName } from "../db/client";
import { getById } from "./get-by-id";
import { ALERT_ID_PATTERN, monitoringKeys } from "./keys";
import { type PageRequest, queryPage } from "./page-query";
import type { AlertView } from "./schemas";

/** The API view of a stored alert item. */
export function alertView(item: Record<string, unknown>): AlertView {
  return {
    alert_id: item.alert_id as string,
    event_id: item.event_id as string,
    user_id: item.user_id as number,
    alert_codes: item.alert_codes as number[],
    time: item.time as number,
    created_at: item.created_at as string,
  };
}

/** One alert by id (a key lookup: the id names its user and sequence); 404 when none. */
export const getAlert = (id: string): Promise<AlertView> =>
  getById(id, "alert", ALERT_ID_PATTERN, monitoringKeys.alert, alertView);

/** A page of alerts, newest first: every user's (index gsi1), or one user's (their partition). */
export function listAlerts(page: PageRequest, userId?: number) {
  if (userId !== undefined) {
    const pk = monitoringKeys.userPartition(userId);
    return queryPage(
      {
        TableName: tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": pk, ":prefix": monitoringKeys.alertPrefix },
        ScanIndexForward: false,
      },
      page,
      { names: ["pk", "sk"], partition: { name: "pk", value: pk } },
      alertView,
    );
  }
  const partition = monitoringKeys.allAlertsPartition;
  return queryPage(
    {
      TableName: tableName,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pk",
      ExpressionAttributeValues: { ":pk": partition },
      ScanIndexForward: false,
    },
    page,
    { names: ["pk", "sk", "gsi1pk", "gsi1sk"], partition: { name: "gsi1pk", value: partition } },
    alertView,
  );
}
