import { TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "#platform/db/client";
import { queryAll } from "#platform/db/query-page";
import { cancellationReasons, isConditionFailure } from "#platform/db/transactions";
import { logger } from "#platform/observability/logger";
import type { FailedWrites } from "./consumer";
import { FAILED, outboxIndex, PENDING, statusPartition, statusShards } from "./work-item";

/**
 * How long work may stay pending before it is taken for lost: the stream retries a record 10
 * times (each failed attempt within minutes) and drops it after 6 h at the latest; work still
 * pending an hour after it was written, with nobody holding a claim on it, was given up.
 */
export const STALE_AFTER_MS = (Number(process.env.OUTBOX_STALE_AFTER_SECONDS) || 3_600) * 1000;

/** What an operator reads on work the sweeper gave up. */
export const staleDetail = (staleAfterMs: number) =>
  `stale: still pending ${Math.round(staleAfterMs / 60_000)} minutes after it was written, with no attempt in progress (the stream gave it up); re-queue it to try again`;

/**
 * Marks `failed` every pending item of `kind` written before `now − staleAfterMs` that nobody
 * holds a live claim on: work the stream gave up (retries or record age spent, its record on
 * the on-failure queue) becomes visible among the failed and can be re-queued. Reads the
 * outbox's status index (a Query per shard, older than the cutoff only: no Scan); each item
 * moves with a conditional write, so a consumer that claims it meanwhile wins. The kind's
 * `failedWrites` (e.g. its webhook event) commit in one transaction with that write.
 */
export async function sweepStaleWork(
  kind: string,
  {
    now = Date.now(),
    staleAfterMs = STALE_AFTER_MS,
    failedWrites,
  }: { now?: number; staleAfterMs?: number; failedWrites?: FailedWrites | undefined } = {},
): Promise<string[]> {
  const cutoff = new Date(now - staleAfterMs).toISOString();
  const candidates = (
    await Promise.all(
      statusShards(kind, PENDING).map((shard) =>
        queryAll({
          TableName: tableName,
          IndexName: outboxIndex.indexName,
          KeyConditionExpression: "#pk = :pk AND #sk < :cutoff",
          ExpressionAttributeNames: { "#pk": outboxIndex.partitionKey, "#sk": outboxIndex.sortKey },
          ExpressionAttributeValues: { ":pk": shard, ":cutoff": cutoff },
          // The whole item (the index projects all) when the kind writes something of it.
          ...(failedWrites ? {} : { ProjectionExpression: "pk, sk, outbox_id" }),
        }),
      ),
    )
  ).flat();
  const detail = staleDetail(staleAfterMs);
  const swept: string[] = [];
  for (const item of candidates) {
    const id = item.outbox_id as string;
    const update = {
      TableName: tableName,
      Key: { pk: item.pk, sk: item.sk },
      UpdateExpression:
        "SET #status = :failed, gsi1pk = :partition, detail = :detail, updated_at = :now",
      ConditionExpression:
        "#status = :pending AND outbox_kind = :kind AND created_at < :cutoff AND " +
        "(attribute_not_exists(lease_until) OR lease_until < :epoch)",
      ExpressionAttributeNames: { "#status": "status" },
      ExpressionAttributeValues: {
        ":failed": FAILED,
        ":pending": PENDING,
        ":kind": kind,
        ":partition": statusPartition(kind, FAILED, id),
        ":detail": detail,
        ":cutoff": cutoff,
        ":epoch": now,
        ":now": new Date(now).toISOString(),
      },
    };
    const alongside = failedWrites?.(item, detail, now) ?? [];
    try {
      if (alongside.length === 0) await db.send(new UpdateCommand(update));
      else {
        await db.send(
          new TransactWriteCommand({ TransactItems: [{ Update: update }, ...alongside] }),
        );
      }
      swept.push(id);
      logger.error("outbox work given up as stale", { kind, id, stale_after_ms: staleAfterMs });
    } catch (error) {
      // Claimed, finished or re-queued since the index was read: not stale after all.
      const cancelled = cancellationReasons(error)?.[0]?.code === "ConditionalCheckFailed";
      if (!isConditionFailure(error) && !cancelled) throw error;
    }
  }
  return swept;
}
