import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { batchPutAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";
import { queryAll } from "#platform/db/query-page";
import { byTicketNumber, type Winner } from "#raffles/core/prizes";
import type { RaffleRecord } from "#raffles/core/raffle-record";
import { raffleKeys, raffleWinnerPartitions } from "./keys";
import { fromWinnerItem, toWinnerItem } from "./winner-item";

/** Writes one item per prize unit, spread over the raffle's winner partitions. */
export async function putWinners(record: RaffleRecord, winners: readonly Winner[]): Promise<void> {
  const partitions = raffleWinnerPartitions(record.prizes);
  await batchPutAll(winners.map((winner) => toWinnerItem(record.id, winner, partitions)));
}

/** Every winner item of one partition, page after page. */
async function queryWinnerPartition(pk: string): Promise<Winner[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": pk },
  });
  return items.map(fromWinnerItem);
}

/** The winner items of a drawn raffle, by ticket number (a Query per winner partition, in parallel). */
export async function storedWinners(record: RaffleRecord): Promise<Winner[]> {
  const partitions = raffleWinnerPartitions(record.prizes);
  const parts = await Promise.all(
    Array.from({ length: partitions }, (_, i) =>
      queryWinnerPartition(raffleKeys.winnerPartition(record.id, i)),
    ),
  );
  return byTicketNumber(parts.flat());
}

/** The prize unit a ticket of a drawn raffle won, if any (one GetItem). */
export async function readWinner(
  record: RaffleRecord,
  ticketNumber: number,
): Promise<Winner | undefined> {
  const partitions = raffleWinnerPartitions(record.prizes);
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: raffleKeys.winner(record.id, ticketNumber, partitions),
    }),
  );
  return Item ? fromWinnerItem(Item) : undefined;
}
