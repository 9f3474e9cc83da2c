import type { RecordRef } from "#monitoring/core/record-ids";
import type { AlertRecord } from "#monitoring/core/records";
import { tableName } from "#platform/db/client";
import { type PageRequest, queryPage } from "#platform/db/query-page";
import { type ShardedList, shardedPage } from "#platform/db/sharded-page";
import { fromAlertEntry } from "./entry-item";
import { getById } from "./get-by-id";
import { ALL_ALERTS_SORT_PATTERN, monitoringKeys } from "./keys";

/**
 * Every user's alerts on gsi3, over 8 shards by user; an alert's sort key names its event's table
 * key.
 */
const allAlerts: ShardedList = {
  indexName: "gsi3",
  partitionKey: "gsi3pk",
  sortKey: "gsi3sk",
  name: monitoringKeys.allAlertsList,
  shards: monitoringKeys.allAlertsShards,
  startAfter(shard, sortKey) {
    const match = ALL_ALERTS_SORT_PATTERN.exec(sortKey);
    if (!match || monitoringKeys.allAlertsShard(Number(match[2])) !== shard) return undefined;
    return {
      gsi3pk: shard,
      gsi3sk: sortKey,
      ...monitoringKeys.entry(Number(match[2]), Number(match[3])),
    };
  },
};

/** One alert by the user and sequence its id names (a key lookup); 404 when none. */
export const readAlert = ({ userId, seq }: RecordRef): Promise<AlertRecord> =>
  getById("alert", monitoringKeys.entry(userId, seq), fromAlertEntry);

/**
 * A page of alerts, newest first: one user's (their gsi2 partition), or every user's (the 8 gsi3
 * shards' descending Queries merged).
 */
export function readAlerts(
  page: PageRequest,
  userId?: number,
): Promise<{ items: AlertRecord[]; next_cursor: string | null }> {
  // Only an alerting event's entry carries the index keys: every item found holds an alert.
  const toAlert = (item: Record<string, unknown>) => fromAlertEntry(item) as AlertRecord;
  if (userId === undefined) return shardedPage(allAlerts, page, toAlert);
  const gsi2pk = monitoringKeys.userAlerts(userId);
  return queryPage(
    {
      TableName: tableName,
      IndexName: "gsi2",
      KeyConditionExpression: "gsi2pk = :pk",
      ExpressionAttributeValues: { ":pk": gsi2pk },
      ScanIndexForward: false,
    },
    page,
    { names: ["gsi2pk", "gsi2sk", "pk", "sk"], partition: { name: "gsi2pk", value: gsi2pk } },
    toAlert,
  );
}
