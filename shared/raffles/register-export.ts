import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "#platform/db/client";
import { invalidCursor } from "#platform/db/cursor";
import { sortableNumber } from "#platform/db/keys";
import { DomainError } from "#platform/errors";
import type { RegisterExportEntry } from "#raffles/api/audit-schemas";
import { raffleKeys } from "./keys";
import { raffleMeta } from "./raffle-store";

export interface RegisterQuery {
  limit: number;
  cursor?: string | undefined;
  shard?: number | undefined;
  ticket_number?: number | undefined;
}

/** Where the next page starts: after `after` (a position; null: from the first) in `shard`. */
interface RegisterCursor {
  shard: number;
  after: number | null;
}

const encode = (cursor: RegisterCursor) =>
  Buffer.from(JSON.stringify(cursor), "utf8").toString("base64url");

function decode(text: string, shardCount: number): RegisterCursor {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, "base64url").toString("utf8"));
  } catch {
    throw invalidCursor();
  }
  const { shard, after } = (parsed ?? {}) as Partial<RegisterCursor>;
  const valid =
    Number.isInteger(shard) &&
    (shard as number) >= 0 &&
    (shard as number) < shardCount &&
    (after === null || (Number.isInteger(after) && (after as number) >= 0));
  if (!valid) throw invalidCursor();
  return { shard: shard as number, after: after as number | null };
}

const entryOf = (item: Record<string, unknown>): RegisterExportEntry => ({
  shard: item.shard as number,
  position: item.position as number,
  ticket_number: item.ticket_number as number,
  code_digest: item.code_digest as string,
  claimed_at: item.claimed_at as string,
});

/**
 * A page of the ticket register: one shard's tickets in claim order (a Query of that shard's
 * index partition, so a page never spans two shards); shard after shard unless `shard` keeps to
 * one. `ticket_number` finds one ticket's entry instead (one GetItem): its shard and position.
 */
export async function listRegister(id: string, query: RegisterQuery) {
  const meta = await raffleMeta(id);
  const shardCount = meta.shards.count;
  if (query.ticket_number !== undefined) {
    if (query.shard !== undefined || query.cursor !== undefined) {
      throw DomainError.invalid([
        { path: "ticket_number", message: "Cannot be combined with shard or cursor" },
      ]);
    }
    const { Item } = await db.send(
      new GetCommand({
        TableName: tableName,
        Key: raffleKeys.ticket(id, query.ticket_number),
        ConsistentRead: true,
      }),
    );
    return { items: Item ? [entryOf(Item)] : [], next_cursor: null };
  }
  if (query.shard !== undefined && query.shard >= shardCount) {
    throw DomainError.invalid([
      { path: "shard", message: `This raffle has shards 0 to ${shardCount - 1}` },
    ]);
  }
  const position = query.cursor
    ? decode(query.cursor, shardCount)
    : { shard: query.shard ?? 0, after: null };
  if (query.shard !== undefined && position.shard !== query.shard) throw invalidCursor();
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: "gsi1",
      KeyConditionExpression:
        position.after === null ? "gsi1pk = :pk" : "gsi1pk = :pk AND gsi1sk > :after",
      ExpressionAttributeValues: {
        ":pk": raffleKeys.registerPartition(id, position.shard),
        ...(position.after === null ? {} : { ":after": sortableNumber(position.after, 9) }),
      },
      Limit: query.limit + 1,
    }),
  );
  const items = (result.Items ?? []).slice(0, query.limit).map(entryOf);
  const more = (result.Items ?? []).length > query.limit;
  const last = items.at(-1);
  let next: RegisterCursor | undefined;
  if (more && last) next = { shard: position.shard, after: last.position };
  else if (query.shard === undefined && position.shard + 1 < shardCount) {
    next = { shard: position.shard + 1, after: null };
  }
  return { items, next_cursor: next ? encode(next) : null };
}
