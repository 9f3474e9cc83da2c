import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { batchGetAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";
import { sortableNumber } from "#platform/db/keys";
import { DomainError } from "#platform/errors";
import type { TicketRecord } from "#raffles/core/claim";
import type { RaffleRecord } from "#raffles/core/raffle-record";
import { raffleKeys } from "./keys";
import { fromRaffleItem } from "./raffle-item";
import { fromTicketItem } from "./ticket-item";

/**
 * A raffle and one of its tickets in ONE BatchGetItem: 404 `raffle_not_found`, then
 * `ticket_not_found`, when either is missing.
 */
export async function readRaffleAndTicket(
  raffleId: string,
  ticketNumber: number,
): Promise<{ raffle: RaffleRecord; ticket: TicketRecord }> {
  const raffleKey = raffleKeys.raffle(raffleId);
  const ticketKey = raffleKeys.ticket(raffleId, ticketNumber);
  const items = await batchGetAll([raffleKey, ticketKey]);
  const raffleItem = items.find((item) => item.pk === raffleKey.pk);
  if (!raffleItem) throw DomainError.notFound("raffle");
  const ticketItem = items.find((item) => item.pk === ticketKey.pk);
  if (!ticketItem) throw DomainError.notFound("ticket");
  return { raffle: fromRaffleItem(raffleItem), ticket: fromTicketItem(ticketItem) };
}

/** One claimed ticket, read strongly consistent; undefined while it is unclaimed. */
export async function readTicket(
  raffleId: string,
  ticketNumber: number,
): Promise<TicketRecord | undefined> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: raffleKeys.ticket(raffleId, ticketNumber),
      ConsistentRead: true,
    }),
  );
  return Item ? fromTicketItem(Item) : undefined;
}

/**
 * Up to `limit` tickets of one shard in claim order, after position `after` (null: from the
 * first): a Query of that shard's register partition (gsi1). `more` when the shard has more.
 */
export async function queryRegister(
  raffleId: string,
  shard: number,
  after: number | null,
  limit: number,
): Promise<{ tickets: TicketRecord[]; more: boolean }> {
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      IndexName: "gsi1",
      KeyConditionExpression: after === null ? "gsi1pk = :pk" : "gsi1pk = :pk AND gsi1sk > :after",
      ExpressionAttributeValues: {
        ":pk": raffleKeys.registerPartition(raffleId, shard),
        ...(after === null ? {} : { ":after": sortableNumber(after, 9) }),
      },
      Limit: limit + 1,
    }),
  );
  const items = result.Items ?? [];
  return { tickets: items.slice(0, limit).map(fromTicketItem), more: items.length > limit };
}
