import { GetCommand, PutCommand, TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { batchGetAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";
import { type PageRequest, queryPage } from "#platform/db/query-page";
import {
  cancellationReasons,
  conditionFailureItem,
  isConditionFailure,
  isOwnEarlierWrite,
  type TransactItem,
} from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import { throwIfKeyTaken } from "#platform/idempotency/once";
import type { RaffleRecord, RecordedInputs } from "#raffles/core/raffle-record";
import type { RaffleMeta } from "#raffles/core/shard-hints";
import type { ShardState } from "#raffles/core/shards";
import { RAFFLE_LIST_PARTITION, raffleKeys } from "./keys";
import { fromRaffleItem, toRaffleItem } from "./raffle-item";
import { cachedRaffleMeta, rememberRaffleMeta } from "./raffle-meta-cache";
import { fromShardItem } from "./shard-item";

/**
 * Writes a new raffle: one item whatever the number of tickets (no ticket or shard item yet).
 * With `alongside` (an idempotency record), one transaction of the raffle and those items.
 */
export async function putRaffle(
  record: RaffleRecord,
  alongside: readonly TransactItem[] = [],
): Promise<void> {
  const put = {
    TableName: tableName,
    Item: toRaffleItem(record),
    ConditionExpression: "attribute_not_exists(pk)",
    ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
  };
  if (alongside.length > 0) {
    const items = [{ Put: put }, ...alongside];
    try {
      await db.send(new TransactWriteCommand({ TransactItems: items }));
    } catch (error) {
      // A lost answer's retry, or a duplicate's commit, fails on the record: it says which.
      throwIfKeyTaken(error, items);
      throw error;
    }
    return;
  }
  try {
    await db.send(new PutCommand(put));
  } catch (error) {
    // The id is new: only our own first try, whose answer was lost, can have written it.
    if (!isOwnEarlierWrite(error, { permutation_key: record.permutation_key })) throw error;
  }
}

/** The stored raffle (strongly consistent), or undefined. */
async function readRaffleRecord(id: string): Promise<RaffleRecord | undefined> {
  const result = await db.send(
    new GetCommand({ TableName: tableName, Key: raffleKeys.raffle(id), ConsistentRead: true }),
  );
  return result.Item ? fromRaffleItem(result.Item) : undefined;
}

/** The stored raffle or 404 `raffle_not_found`. */
export async function requireRaffleRecord(id: string): Promise<RaffleRecord> {
  const record = await readRaffleRecord(id);
  if (!record) throw DomainError.notFound("raffle");
  return record;
}

const loading = new Map<string, Promise<RaffleMeta>>();

/**
 * The raffle's immutable metadata, cached per process: steady-state claims read nothing, and
 * concurrent requests of a cold process share one read.
 */
export function raffleMeta(id: string): Promise<RaffleMeta> {
  const cached = cachedRaffleMeta(id);
  if (cached) return Promise.resolve(cached);
  let pending = loading.get(id);
  if (!pending) {
    pending = requireRaffleRecord(id)
      .then(rememberRaffleMeta)
      .finally(() => loading.delete(id));
    loading.set(id, pending);
  }
  return pending;
}

/**
 * Brings the shard hints of these raffles up to date by reading every shard not already known to
 * be full (every shard with `includeFull`; a missing shard item has handed out nothing yet). The
 * items of `alsoRead` come in the same BatchGetItem; every item read is returned.
 */
export async function refreshShards(
  raffles: readonly RaffleMeta[],
  alsoRead: readonly Record<string, string>[] = [],
  { includeFull = false } = {},
): Promise<Record<string, unknown>[]> {
  const wanted = raffles.flatMap((meta) =>
    meta.shards.start
      .map((_, shard) => ({ meta, shard }))
      .filter(({ shard }) => includeFull || !meta.shards.isFull(shard)),
  );
  const items = await batchGetAll([
    ...alsoRead,
    ...wanted.map(({ meta, shard }) => raffleKeys.shard(meta.id, shard)),
  ]);
  const byKey = new Map(items.map((item) => [item.pk as string, item]));
  for (const { meta, shard } of wanted) {
    const item = byKey.get(raffleKeys.shard(meta.id, shard).pk);
    if (item) meta.shards.advance(shard, item.next as number, item.head as string);
  }
  return items;
}

/**
 * The stored raffle and its live count of unclaimed tickets, or 404. A raffle this process
 * already knows (its shard count never changes) is read with its shards in ONE BatchGetItem;
 * otherwise its GetItem comes first, then its shards unless it is drawn.
 */
export async function readRaffleWithRemaining(
  id: string,
): Promise<{ record: RaffleRecord; remaining: number }> {
  const known = cachedRaffleMeta(id);
  if (known) {
    const raffleKey = raffleKeys.raffle(id);
    const items = await refreshShards([known], [raffleKey]);
    const item = items.find((found) => found.pk === raffleKey.pk);
    if (!item) throw DomainError.notFound("raffle");
    return { record: fromRaffleItem(item), remaining: known.shards.remaining() };
  }
  const record = await requireRaffleRecord(id);
  if (record.status === "drawn") return { record, remaining: 0 };
  const meta = rememberRaffleMeta(record);
  await refreshShards([meta]);
  return { record, remaining: meta.shards.remaining() };
}

/** Reads raffles' remaining tickets from their shards (a drawn raffle has none: no read). */
export async function remainingOf(records: readonly RaffleRecord[]): Promise<Map<string, number>> {
  const undrawn = records.filter((record) => record.status !== "drawn").map(rememberRaffleMeta);
  await refreshShards(undrawn);
  return new Map(undrawn.map((meta) => [meta.id, meta.shards.remaining()]));
}

const LIST_KEYS = ["pk", "sk", "gsi1pk", "gsi1sk"] as const;

/** A page of raffle records, newest first, from the gsi1 listing partition (a Query, never a Scan). */
export function queryRafflePage(request: PageRequest) {
  return queryPage(
    {
      TableName: tableName,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :partition",
      ExpressionAttributeValues: { ":partition": RAFFLE_LIST_PARTITION },
      ScanIndexForward: false,
    },
    request,
    { names: LIST_KEYS, partition: { name: "gsi1pk", value: RAFFLE_LIST_PARTITION } },
    fromRaffleItem,
  );
}

/**
 * The raffle and every one of its shards, read strongly consistent: one BatchGetItem for a raffle
 * this process knows (its shard count never changes), else its GetItem first.
 */
export async function readRaffleAndShards(
  id: string,
): Promise<{ record: RaffleRecord; shards: ShardState[] }> {
  const raffleKey = raffleKeys.raffle(id);
  let meta: RaffleMeta | undefined = cachedRaffleMeta(id);
  let record: RaffleRecord | undefined;
  if (!meta) {
    record = await requireRaffleRecord(id);
    meta = rememberRaffleMeta(record);
  }
  const items = await refreshShards([meta], record ? [] : [raffleKey], { includeFull: true });
  if (!record) {
    const item = items.find((found) => found.pk === raffleKey.pk);
    if (!item) throw DomainError.notFound("raffle");
    record = fromRaffleItem(item);
  }
  const byKey = new Map(items.map((item) => [item.pk as string, item]));
  const { start, end } = meta.shards;
  const shards = start.map((first, shard) => ({
    shard,
    start: first,
    end: end[shard] as number,
    ...fromShardItem(byKey.get(raffleKeys.shard(id, shard).pk), id, shard, first),
  }));
  return { record, shards };
}

/** `open` → `drawing` with the draw's inputs; when another call got there first, its record. */
export async function recordDrawInputs(
  record: RaffleRecord,
  inputs: RecordedInputs,
): Promise<RaffleRecord> {
  try {
    const result = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: raffleKeys.raffle(record.id),
        UpdateExpression:
          "SET #status = :drawing, register_digest = :digest, sold_out_at = :soldOut, " +
          "beacon = :beacon, seed_for_winners = :seed",
        ConditionExpression: "#status = :open",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":drawing": "drawing",
          ":open": "open",
          ":digest": inputs.register_digest,
          ":soldOut": inputs.sold_out_at,
          ":beacon": inputs.beacon,
          ":seed": inputs.seed_for_winners,
        },
        ReturnValues: "ALL_NEW",
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
    return fromRaffleItem(result.Attributes as Record<string, unknown>);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = conditionFailureItem(error);
    // The condition failed on the item as it stands: only a raffle that is gone has none.
    if (!current) throw new Error(`Raffle ${record.id} vanished while being drawn`);
    return fromRaffleItem(current);
  }
}

/**
 * `drawing` → `drawn`, once, with what must commit with it (the `raffle.drawn` event). True when
 * this call did it; false when a concurrent call that finished first already had.
 */
export async function markDrawn(
  id: string,
  seed: string,
  drawnAt: string,
  alsoPut: readonly TransactItem[] = [],
): Promise<boolean> {
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: raffleKeys.raffle(id),
              UpdateExpression: "SET #status = :drawn, drawn_at = :now",
              ConditionExpression: "#status = :drawing AND seed_for_winners = :seed",
              ExpressionAttributeNames: { "#status": "status" },
              ExpressionAttributeValues: {
                ":drawn": "drawn",
                ":drawing": "drawing",
                ":seed": seed,
                ":now": drawnAt,
              },
            },
          },
          ...alsoPut,
        ],
      }),
    );
    return true;
  } catch (error) {
    if (cancellationReasons(error)?.[0]?.code !== "ConditionalCheckFailed") throw error;
    return false;
  }
}
