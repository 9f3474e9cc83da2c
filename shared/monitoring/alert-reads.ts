import type { AlertView } from "#monitoring/api/schemas";
import { alertViewOf } from "#monitoring/api/views";
import type { RecordRef } from "#monitoring/core/record-ids";
import { readAlert, readAlerts } from "#monitoring/store/alerts";
import type { PageRequest } from "#platform/db/query-page";

/** One alert by the user and sequence its id names; 404 `alert_not_found` when none. */
export const getAlert = async (ref: RecordRef): Promise<AlertView> =>
  alertViewOf(await readAlert(ref));

/** A page of alerts, newest first: one user's, or every user's. */
export async function listAlerts(
  page: PageRequest,
  userId?: number,
): Promise<{ items: AlertView[]; next_cursor: string | null }> {
  const { items, next_cursor } = await readAlerts(page, userId);
  return { items: items.map(alertViewOf), next_cursor };
}
