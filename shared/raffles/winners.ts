import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { digestsEqual, keyedHash } from "#platform/crypto/hash-key";
import { batchGetAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";
import { queryAll } from "#platform/db/query-page";
import { DomainError } from "#platform/errors";
import type { Winner } from "#raffles/api/schemas";
import { byTicketNumber } from "./draw";
import { raffleKeys, raffleWinnerPartitions } from "./keys";
import { type RaffleRecord, raffleRecordSchema, requireRaffleRecord } from "./raffle-store";
import { normaliseVerificationCode } from "./verification-code";

/** Every winner item of one partition, page after page. */
async function queryWinnerPartition(pk: string): Promise<Winner[]> {
  const items = await queryAll({
    TableName: tableName,
    KeyConditionExpression: "pk = :pk",
    ExpressionAttributeValues: { ":pk": pk },
  });
  return items.map((item) => ({
    prize: item.prize as string,
    ticket_number: item.ticket_number as number,
  }));
}

/** The winners of a drawn raffle, by ticket number (a Query per winner partition, in parallel). */
export async function readWinners(id: string): Promise<Winner[]> {
  const record = await requireRaffleRecord(id);
  if (record.status !== "drawn") {
    throw new DomainError("not_drawn", "This raffle has not been drawn yet");
  }
  return storedWinners(record);
}

/** The winner items of a drawn raffle, by ticket number. */
export async function storedWinners(record: RaffleRecord): Promise<Winner[]> {
  const partitions = raffleWinnerPartitions(record.prizes);
  const parts = await Promise.all(
    Array.from({ length: partitions }, (_, i) =>
      queryWinnerPartition(raffleKeys.winnerPartition(record.id, i)),
    ),
  );
  return byTicketNumber(parts.flat());
}

/**
 * Whether a ticket won, for whoever holds its code: one BatchGetItem reads the raffle and the
 * ticket together, and a drawn raffle's answer needs one GetItem more. A wrong code, or one that
 * cannot be a code at all, is 403 whatever the ticket's fate; the reads come first either way, so
 * both are refused alike.
 */
export async function verifyTicket(id: string, ticketNumber: number, typedCode: string) {
  const canonicalCode = normaliseVerificationCode(typedCode);
  const raffleKey = raffleKeys.raffle(id);
  const ticketKey = raffleKeys.ticket(id, ticketNumber);
  const [items, codeHash] = await Promise.all([
    batchGetAll([raffleKey, ticketKey]),
    canonicalCode === undefined ? undefined : keyedHash(canonicalCode),
  ]);
  const raffleItem = items.find((item) => item.pk === raffleKey.pk);
  if (!raffleItem) throw DomainError.notFound("raffle");
  const ticket = items.find((item) => item.pk === ticketKey.pk);
  if (!ticket) throw DomainError.notFound("ticket");
  if (codeHash === undefined || !digestsEqual(ticket.code_hash as string, codeHash)) {
    throw new DomainError(
      "invalid_verification_code",
      "The verification code does not match this ticket",
    );
  }
  const raffle = raffleRecordSchema.parse(raffleItem);
  if (raffle.status !== "drawn") {
    return { ticket_number: ticketNumber, status: "pending", prize: null };
  }
  const partitions = raffleWinnerPartitions(raffle.prizes);
  const { Item: winner } = await db.send(
    new GetCommand({ TableName: tableName, Key: raffleKeys.winner(id, ticketNumber, partitions) }),
  );
  return winner
    ? { ticket_number: ticketNumber, status: "won", prize: winner.prize as string }
    : { ticket_number: ticketNumber, status: "lost", prize: null };
}
