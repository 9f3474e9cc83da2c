import type { AlertView } from "#monitoring/api/schemas";
import type { PageRequest } from "#platform/db/query-page";
import { type ShardedList, shardedPage } from "#platform/db/sharded-page";
import { ALL_ALERTS_SORT_PATTERN, monitoringKeys } from "./keys";
import { alertView } from "./views";

/** Every user's alerts on gsi1, over 8 shards by user; an alert's sort key names its table key. */
const allAlerts: ShardedList = {
  indexName: "gsi1",
  partitionKey: "gsi1pk",
  sortKey: "gsi1sk",
  name: monitoringKeys.allAlertsList,
  shards: monitoringKeys.allAlertsShards,
  startAfter(shard, sortKey) {
    const match = ALL_ALERTS_SORT_PATTERN.exec(sortKey);
    if (!match || monitoringKeys.allAlertsShard(Number(match[2])) !== shard) return undefined;
    return {
      gsi1pk: shard,
      gsi1sk: sortKey,
      ...monitoringKeys.alert(Number(match[2]), Number(match[3])),
    };
  },
};

/** A page of every user's alerts, newest first: the 8 shards' descending Queries merged. */
export const listAllAlerts = (
  page: PageRequest,
): Promise<{ items: AlertView[]; next_cursor: string | null }> =>
  shardedPage(allAlerts, page, alertView);
