import { tableName } from "../db/client";
import { type PageRequest, queryPage } from "../db/query-page";
import { formatCents } from "./amount";
import { getById } from "./get-by-id";
import { monitoringKeys, type RecordRef } from "./keys";
import type { EventView } from "./schemas";

/** The API view of a stored event item. */
export function eventView(item: Record<string, unknown>): EventView {
  const codes = item.alert_codes as number[];
  return {
    event_id: item.event_id as string,
    user_id: item.user_id as number,
    type: item.type as EventView["type"],
    amount: formatCents(item.amount_cents as number),
    time: item.time as number,
    alert: codes.length > 0,
    alert_codes: codes,
    alert_id: (item.alert_id as string | undefined) ?? null,
    risk_level: item.risk_level as EventView["risk_level"],
    created_at: item.created_at as string,
  };
}

/** One event by the user and sequence its id names (a key lookup); 404 when none. */
export const getEvent = ({ userId, seq }: RecordRef): Promise<EventView> =>
  getById("event", monitoringKeys.event(userId, seq), eventView);

/** A page of a user's events, oldest first (in commit order). */
export function listUserEvents(userId: number, page: PageRequest) {
  const pk = monitoringKeys.userPartition(userId);
  return queryPage(
    {
      TableName: tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": pk, ":prefix": monitoringKeys.eventPrefix },
    },
    page,
    { names: ["pk", "sk"], partition: { name: "pk", value: pk } },
    eventView,
  );
}
