import { BatchGetCommand, BatchWriteCommand } from "@aws-sdk/lib-dynamodb";
import { countMetric } from "#platform/observability/invocation-metrics";
import { platformMetrics } from "#platform/observability/platform-metrics";
import { backoff } from "./backoff";
import { db, tableName } from "./client";
import { StoreUnavailableError } from "./store-errors";

type Key = Record<string, string>;
type Item = Record<string, unknown>;
type WriteRequest = { PutRequest: { Item: Item } } | { DeleteRequest: { Key: Key } };

const BATCH_GET_LIMIT = 100;
const BATCH_WRITE_LIMIT = 25;
const MAX_ROUNDS = 8;
/** Batch writes in flight at once: a draw of 10,000 prize units is 400 batches. */
const WRITE_CONCURRENCY = 4;

const chunks = <T>(values: readonly T[], size: number) =>
  Array.from({ length: Math.ceil(values.length / size) }, (_, i) =>
    values.slice(i * size, (i + 1) * size),
  );

/** Whatever DynamoDB left unprocessed is sent again with backoff; if it never goes, we fail. */
async function untilProcessed<T>(
  initial: T[],
  send: (pending: T[]) => Promise<T[]>,
  what: string,
): Promise<void> {
  let pending = initial;
  for (let round = 0; pending.length > 0; round++) {
    if (round >= MAX_ROUNDS) {
      throw new StoreUnavailableError(new Error(`${what}: items stayed unprocessed`));
    }
    if (round > 0) {
      countMetric(platformMetrics.StoreRetries);
      await backoff(round, 25, 1000);
    }
    pending = await send(pending);
  }
}

/** Reads the items of `keys` (strongly consistent), any number of keys, in parallel batches of 100. */
export async function batchGetAll(keys: readonly Key[]): Promise<Item[]> {
  const found: Item[] = [];
  await Promise.all(
    chunks(keys, BATCH_GET_LIMIT).map((chunk) =>
      untilProcessed(
        chunk,
        async (pending) => {
          const result = await db.send(
            new BatchGetCommand({
              RequestItems: { [tableName]: { Keys: pending, ConsistentRead: true } },
            }),
          );
          found.push(...(result.Responses?.[tableName] ?? []));
          return (result.UnprocessedKeys?.[tableName]?.Keys ?? []) as Key[];
        },
        "BatchGetItem",
      ),
    ),
  );
  return found;
}

/** Reads named keys (strongly consistent) in as few BatchGetItems as it takes: each name gets its item or undefined. */
export async function batchGetNamed<Name extends string>(
  keys: Record<Name, Key>,
): Promise<Record<Name, Item | undefined>> {
  const found = await batchGetAll(Object.values(keys));
  const itemOf = (key: Key) =>
    found.find((item) => Object.entries(key).every(([name, value]) => item[name] === value));
  return Object.fromEntries(
    Object.entries<Key>(keys).map(([name, key]) => [name, itemOf(key)]),
  ) as Record<Name, Item | undefined>;
}

/** Puts every item, 25 per BatchWriteItem, retrying unprocessed items. Puts are idempotent. */
export const batchPutAll = (items: readonly Item[]) =>
  batchWriteAll(items.map((Item) => ({ PutRequest: { Item } })));

/** Deletes every key, 25 per BatchWriteItem, retrying unprocessed items. */
export const batchDeleteAll = (keys: readonly Key[]) =>
  batchWriteAll(keys.map((Key) => ({ DeleteRequest: { Key } })));

async function batchWriteAll(requests: readonly WriteRequest[]): Promise<void> {
  const batches = chunks(requests, BATCH_WRITE_LIMIT);
  let next = 0;
  let failure: { error: unknown } | undefined;
  // After a failure no new batch starts, but those in flight are let finish: nothing is still
  // writing once this returns, so a caller that resumes later sees every write that happened.
  const worker = async () => {
    for (let batch = batches[next++]; batch && !failure; batch = batches[next++]) {
      await writeBatch(batch).catch((error: unknown) => {
        failure ??= { error };
      });
    }
  };
  await Promise.all(Array.from({ length: WRITE_CONCURRENCY }, worker));
  if (failure) throw failure.error;
}

function writeBatch(batch: WriteRequest[]) {
  return untilProcessed(
    batch,
    async (pending) => {
      const result = await db.send(
        new BatchWriteCommand({ RequestItems: { [tableName]: pending } }),
      );
      return (result.UnprocessedItems?.[tableName] ?? []) as WriteRequest[];
    },
    "BatchWriteItem",
  );
}
