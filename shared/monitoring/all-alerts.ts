import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "../db/client";
import { decodeCursor, encodeCursor, invalidCursor } from "../db/cursor";
import type { PageRequest } from "../db/query-page";
import { ALL_ALERTS_SORT_PATTERN, monitoringKeys } from "./keys";
import type { AlertView } from "./schemas";
import { alertView } from "./views";

const shards = monitoringKeys.allAlertsShards;
// The cursor holds, per shard, the gsi1 sort key of the last alert listed ("" before the first,
// DONE once the shard is exhausted), and names the list it belongs to.
const LIST = { name: "list", value: monitoringKeys.allAlertsList };
const DONE = "done";
const cursorNames = [LIST.name, ...shards.map((_, shard) => `s${shard}`)];

function decodePositions(cursor: string | undefined): string[] {
  const decoded = decodeCursor(cursor, cursorNames, LIST);
  if (!decoded) return shards.map(() => "");
  return shards.map((_, shard) => {
    const position = decoded[`s${shard}`] ?? "";
    if (position === "" || position === DONE) return position;
    const match = ALL_ALERTS_SORT_PATTERN.exec(position);
    if (!match || monitoringKeys.allAlertsShard(Number(match[2])) !== shards[shard]) {
      throw invalidCursor();
    }
    return position;
  });
}

function encodePositions(positions: string[]): string | null {
  if (positions.every((position) => position === DONE)) return null;
  return encodeCursor({
    [LIST.name]: LIST.value,
    ...Object.fromEntries(positions.map((position, shard) => [`s${shard}`, position])),
  });
}

/** The ExclusiveStartKey of gsi1 after an alert: its sort key names its table key too. */
function startAfter(shard: string, sortKey: string) {
  const [, , user, seq] = ALL_ALERTS_SORT_PATTERN.exec(sortKey) as RegExpExecArray;
  return {
    gsi1pk: shard,
    gsi1sk: sortKey,
    ...monitoringKeys.alert(Number(user), Number(seq)),
  };
}

/**
 * A page of every user's alerts, newest first: the 8 shards' descending Queries merged. Each
 * shard reads one more than the page, so a shard is known exhausted without an empty last page.
 */
export async function listAllAlerts(
  page: PageRequest,
): Promise<{ items: AlertView[]; next_cursor: string | null }> {
  const positions = decodePositions(page.cursor);
  const results = await Promise.all(
    shards.map(async (shard, index) => {
      const position = positions[index] as string;
      if (position === DONE) return { items: [], more: false };
      const result = await db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: "gsi1",
          KeyConditionExpression: "gsi1pk = :pk",
          ExpressionAttributeValues: { ":pk": shard },
          ScanIndexForward: false,
          Limit: page.limit + 1,
          ...(position ? { ExclusiveStartKey: startAfter(shard, position) } : {}),
        }),
      );
      return { items: result.Items ?? [], more: result.LastEvaluatedKey !== undefined };
    }),
  );
  const newest = results
    .flatMap(({ items }, shard) => items.map((item) => ({ item, shard })))
    .sort((a, b) => (String(a.item.gsi1sk) < String(b.item.gsi1sk) ? 1 : -1))
    .slice(0, page.limit);
  const next = [...positions];
  const taken = results.map(() => 0);
  for (const { item, shard } of newest) {
    next[shard] = String(item.gsi1sk);
    taken[shard] = (taken[shard] ?? 0) + 1;
  }
  results.forEach(({ items, more }, shard) => {
    if (!more && taken[shard] === items.length) next[shard] = DONE;
  });
  return { items: newest.map(({ item }) => alertView(item)), next_cursor: encodePositions(next) };
}
