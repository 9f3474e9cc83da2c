import type { EventView } from "#monitoring/api/schemas";
import { tableName } from "#platform/db/client";
import { type PageRequest, queryPage } from "#platform/db/query-page";
import { getById } from "./get-by-id";
import { monitoringKeys, type RecordRef } from "./keys";
import { eventView } from "./views";

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
