// The webhook event items of a test's table, read as the outbox lists them: a Query of every
// status shard of the `webhook_event` kind (no Scan), so a count of events is exact.
import { tableName } from "#platform/db/client";
import { queryAll } from "#platform/db/query-page";
import { outboxIndex, statusShards } from "#platform/outbox/work-item";
import { EVENT_KIND } from "#webhooks/core/delivery";

/** Every status an event item may have: written pending, fanned out by the stream's function. */
const EVENT_STATUSES = ["pending", "fanned_out", "failed"];

/** The event items of `type` whose data matches `about` (e.g. `{ id }`), in every status. */
export async function webhookEventItems(
  type: string,
  about: (data: Record<string, unknown>) => boolean,
) {
  const partitions = EVENT_STATUSES.flatMap((status) => statusShards(EVENT_KIND, status));
  const items = (
    await Promise.all(
      partitions.map((partition) =>
        queryAll({
          TableName: tableName,
          IndexName: outboxIndex.indexName,
          KeyConditionExpression: "#pk = :pk",
          ExpressionAttributeNames: { "#pk": outboxIndex.partitionKey },
          ExpressionAttributeValues: { ":pk": partition },
        }),
      ),
    )
  ).flat();
  return items.filter(
    (item) => item.type === type && about((item.data ?? {}) as Record<string, unknown>),
  );
}
