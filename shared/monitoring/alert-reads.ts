import type { AlertView } from "#monitoring/api/schemas";
import { tableName } from "#platform/db/client";
import { type PageRequest, queryPage } from "#platform/db/query-page";
import { listAllAlerts } from "./all-alerts";
import { getById } from "./get-by-id";
import { monitoringKeys, type RecordRef } from "./keys";
import { alertView } from "./views";

/** One alert by the user and sequence its id names (a key lookup); 404 when none. */
export const getAlert = ({ userId, seq }: RecordRef): Promise<AlertView> =>
  getById("alert", monitoringKeys.alert(userId, seq), alertView);

/** A page of alerts, newest first: one user's (their partition), or every user's (gsi1 shards). */
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
  return listAllAlerts(page);
}
