import { invalidCursor } from "#platform/db/cursor";
import { DomainError } from "#platform/errors";
import { registerEntryOf } from "#raffles/core/audit-document";
import { raffleMeta } from "#raffles/store/raffle-store";
import { queryRegister, readTicket } from "#raffles/store/ticket-store";

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
    const ticket = await readTicket(id, query.ticket_number);
    return { items: ticket ? [registerEntryOf(ticket)] : [], next_cursor: null };
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
  const page = await queryRegister(id, position.shard, position.after, query.limit);
  const items = page.tickets.map(registerEntryOf);
  const last = items.at(-1);
  let next: RegisterCursor | undefined;
  if (page.more && last) next = { shard: position.shard, after: last.position };
  else if (query.shard === undefined && position.shard + 1 < shardCount) {
    next = { shard: position.shard + 1, after: null };
  }
  return { items, next_cursor: next ? encode(next) : null };
}
