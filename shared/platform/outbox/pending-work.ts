import { tableName } from "#platform/db/client";
import { queryAll } from "#platform/db/query-page";
import { outboxIndex, PENDING, statusShards } from "./work-item";

/** Every item of this kind in these statuses: a Query per status shard, no Scan. */
export async function workInStatuses(
  kind: string,
  statuses: readonly string[],
): Promise<Record<string, unknown>[]> {
  const shards = await Promise.all(
    statuses
      .flatMap((status) => statusShards(kind, status))
      .map((shard) =>
        queryAll({
          TableName: tableName,
          IndexName: outboxIndex.indexName,
          KeyConditionExpression: "#pk = :pk",
          ExpressionAttributeNames: { "#pk": outboxIndex.partitionKey },
          ExpressionAttributeValues: { ":pk": shard },
        }),
      ),
  );
  return shards.flat();
}

/**
 * Every item of this kind still pending, oldest first: what a consumer that lost its stream
 * position (the local runner after a restart) must still look at.
 */
export async function pendingWork(kind: string): Promise<Record<string, unknown>[]> {
  return (await workInStatuses(kind, [PENDING])).sort((a, b) =>
    String(a[outboxIndex.sortKey]).localeCompare(String(b[outboxIndex.sortKey])),
  );
}
