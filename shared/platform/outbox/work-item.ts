/**
 * Pending work ("outbox items"): an item written in the same transaction as the change that
 * calls for the work, done later by a function on the table's stream. Any domain's item becomes
 * one by carrying these attributes beside its own (its pk/sk are the domain's):
 *
 * | attribute     | meaning                                                                      |
 * |---------------|------------------------------------------------------------------------------|
 * | `outbox_kind` | which consumer does the work, e.g. `sms`                                     |
 * | `outbox_id`   | the work's id (the domain's id of the item)                                  |
 * | `status`      | `pending` (to do), `failed` (given up), or the domain's own final status     |
 * | `attempts`    | claims so far; reset by a re-queue                                           |
 * | `lease_until` | epoch ms until which the current claim holds; absent when nobody holds one   |
 * | `claim_token` | the current claimant's random token; its writes are conditioned on it        |
 * | `last_error`  | the latest failed attempt's error                                            |
 * | `requeues`, `requeue_token` | re-queues so far; the latest one's random token (its own retry    |
 * |               | recognises the write it already made)                                        |
 * | `detail`      | why the work ended as it did: the last error when `failed`                   |
 * | `created_at`, `updated_at` | ISO times                                                       |
 * | `gsi1pk` / `gsi1sk` | `OUTBOX#<kind>#<status>#<shard>` / `<created_at>#<outbox_id>`          |
 *
 * - gsi1 lists work by kind and status, newest first: how operators see failed work and how the
 *   local stream runner finds pending work on start. Each status is written over 8 shards (by a
 *   hash of the id): one index partition would cap a kind at ~1,000 status changes per second.
 * - The stream invokes the consumer when an item is inserted `pending` or goes from `failed`
 *   back to `pending` (a re-queue): see `stream-filter.ts`. Claims, releases and the final
 *   write change the item without matching the filter, so they never invoke it again.
 */
import { key } from "#platform/db/keys";

export const PENDING = "pending";
export const FAILED = "failed";

/** How many index partitions each sharded list of work is written over. */
export const WORK_SHARDS = 8;

/** The index the outbox keeps its per-status lists on. */
export const outboxIndex = { indexName: "gsi1", partitionKey: "gsi1pk", sortKey: "gsi1sk" };

/** The shard of a work id (FNV-1a of it): a stable, even spread of ids over 8 shards. */
export function workShard(id: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < id.length; i++) {
    hash ^= id.charCodeAt(i);
    hash = Math.imul(hash, 0x01000193);
  }
  return (hash >>> 0) % WORK_SHARDS;
}

/** The gsi1 partition of one shard of a kind's work in one status. */
export const statusPartition = (kind: string, status: string, id: string) =>
  key("OUTBOX", kind, status, workShard(id));

/** The gsi1 partitions of all the shards of a kind's work in one status. */
export const statusShards = (kind: string, status: string) =>
  Array.from({ length: WORK_SHARDS }, (_, shard) => key("OUTBOX", kind, status, shard));

/** The gsi1 sort key: creation time, then id (unique, and newest first in descending order). */
export const statusSort = (createdAt: string, id: string) => key(createdAt, id);

const SORT_PATTERN = /^(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z)#(.+)$/;

/** The work id a gsi1 sort key names; undefined when it is not of that form. */
export const idOfStatusSort = (sortKey: string) => SORT_PATTERN.exec(sortKey)?.[2];

/** The outbox attributes of a new work item; `status` other than pending is already final. */
export function workAttributes(work: {
  kind: string;
  id: string;
  createdAt: string;
  status?: string;
  detail?: string;
}) {
  const status = work.status ?? PENDING;
  return {
    outbox_kind: work.kind,
    outbox_id: work.id,
    status,
    attempts: 0,
    ...(work.detail === undefined ? {} : { detail: work.detail }),
    created_at: work.createdAt,
    updated_at: work.createdAt,
    gsi1pk: statusPartition(work.kind, status, work.id),
    gsi1sk: statusSort(work.createdAt, work.id),
  };
}
