import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "./client";
import { decodeCursor, encodeCursor, invalidCursor } from "./cursor";
import type { PageRequest } from "./query-page";

/**
 * A list written over several index partitions ("shards") so that no single partition caps its
 * write rate, read back newest first as a merge of one descending Query per shard.
 */
export interface ShardedList {
  indexName: string;
  partitionKey: string;
  sortKey: string;
  /** The value naming this list in its cursors: a cursor of another list is refused. */
  name: string;
  /** The index partition values of the list's shards. */
  shards: readonly string[];
  /**
   * The ExclusiveStartKey after the item with this sort key in this shard (the index keys and
   * the table keys it names); undefined when no item of that shard can have that sort key.
   */
  startAfter: (shard: string, sortKey: string) => Record<string, string> | undefined;
}

// The cursor holds, per shard, the sort key of the last item listed ("" before the first,
// DONE once the shard is exhausted), and names the list it belongs to.
const DONE = "done";

function decodePositions(list: ShardedList, cursor: string | undefined): string[] {
  const names = ["list", ...list.shards.map((_, shard) => `s${shard}`)];
  const decoded = decodeCursor(cursor, names, { name: "list", value: list.name });
  if (!decoded) return list.shards.map(() => "");
  return list.shards.map((shard, index) => {
    const position = decoded[`s${index}`] ?? "";
    if (position === "" || position === DONE) return position;
    if (!list.startAfter(shard, position)) throw invalidCursor();
    return position;
  });
}

function encodePositions(list: ShardedList, positions: string[]): string | null {
  if (positions.every((position) => position === DONE)) return null;
  return encodeCursor({
    list: list.name,
    ...Object.fromEntries(positions.map((position, shard) => [`s${shard}`, position])),
  });
}

/**
 * A page of a sharded list, newest first: each shard's descending Query merged. Each shard reads
 * one more than the page, so a shard is known exhausted without an empty last page.
 */
export async function shardedPage<T>(
  list: ShardedList,
  page: PageRequest,
  toView: (item: Record<string, unknown>) => T,
): Promise<{ items: T[]; next_cursor: string | null }> {
  const positions = decodePositions(list, page.cursor);
  const results = await Promise.all(
    list.shards.map(async (shard, index) => {
      const position = positions[index] as string;
      if (position === DONE) return { items: [], more: false };
      const result = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: list.indexName,
          KeyConditionExpression: "#pk = :pk",
          ExpressionAttributeNames: { "#pk": list.partitionKey },
          ExpressionAttributeValues: { ":pk": shard },
          ScanIndexForward: false,
          Limit: page.limit + 1,
          ...(position ? { ExclusiveStartKey: list.startAfter(shard, position) } : {}),
        }),
      );
      return { items: result.Items ?? [], more: result.LastEvaluatedKey !== undefined };
    }),
  );
  const sortOf = (item: Record<string, unknown>) => String(item[list.sortKey]);
  const newest = results
    .flatMap(({ items }, shard) => items.map((item) => ({ item, shard })))
    .sort((a, b) => (sortOf(a.item) < sortOf(b.item) ? 1 : -1))
    .slice(0, page.limit);
  const next = [...positions];
  const taken = results.map(() => 0);
  for (const { item, shard } of newest) {
    next[shard] = sortOf(item);
    taken[shard] = (taken[shard] ?? 0) + 1;
  }
  results.forEach(({ items, more }, shard) => {
    if (!more && taken[shard] === items.length) next[shard] = DONE;
  });
  return {
    items: newest.map(({ item }) => toView(item)),
    next_cursor: encodePositions(list, next),
  };
}
