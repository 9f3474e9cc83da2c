import type { RecordRef } from "#monitoring/core/record-ids";
import type { EventRecord } from "#monitoring/core/records";
import { tableName } from "#platform/db/client";
import { type PageRequest, queryPage } from "#platform/db/query-page";
import { fromEventEntry } from "./entry-item";
import { getById } from "./get-by-id";
import { monitoringKeys } from "./keys";

/** One event by the user and sequence its id names (a key lookup); 404 when none. */
export const readEvent = ({ userId, seq }: RecordRef): Promise<EventRecord> =>
  getById("event", monitoringKeys.entry(userId, seq), fromEventEntry);

/** A page of a user's events, oldest first (in commit order; the level changes left out). */
export function readUserEvents(userId: number, page: PageRequest) {
  const pk = monitoringKeys.userPartition(userId);
  return queryPage(
    {
      TableName: tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      FilterExpression: "#kind = :event",
      ExpressionAttributeNames: { "#kind": "kind" },
      ExpressionAttributeValues: {
        ":pk": pk,
        ":prefix": monitoringKeys.entryPrefix,
        ":event": "event",
      },
    },
    page,
    { names: ["pk", "sk"], partition: { name: "pk", value: pk } },
    (item) => fromEventEntry(item) as EventRecord,
  );
}
