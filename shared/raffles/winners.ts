import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { digestsEqual, keyedHash } from "../crypto/hash-key";
import { db, tableName } from "../db/client";
import { HttpError, problems } from "../http/problem";
import { batchGetAll } from "./batches";
import type { Winner } from "./draw";
import { raffleKeys } from "./keys";
import { isRaffleId, raffleRecordSchema, requireRaffleRecord } from "./raffle-store";

/** The winners of a drawn raffle, by ticket number (one Query over the raffle's winner items). */
export async function readWinners(id: string): Promise<Winner[]> {
  const record = await requireRaffleRecord(id);
  if (record.status !== "drawn") {
    throw problems.conflict("not_drawn", "This raffle has not been drawn yet");
  }
  const winners: Winner[] = [];
  let startKey: Record<string, unknown> | undefined;
  do {
    const page = await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": raffleKeys.winners(id) },
        ExclusiveStartKey: startKey,
      }),
    );
    for (const item of page.Items ?? []) {
      winners.push({ prize: item.prize as string, ticket_number: item.ticket_number as number });
    }
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return winners;
}

/**
 * Whether a ticket won, for whoever holds its code: one BatchGetItem reads the raffle, the ticket
 * and its winner item together. A wrong code is 403 whatever the ticket's fate.
 */
export async function verifyTicket(id: string, ticketNumber: number, canonicalCode: string) {
  if (!isRaffleId(id)) throw problems.notFound("raffle");
  const raffleKey = raffleKeys.raffle(id);
  const ticketKey = raffleKeys.ticket(id, ticketNumber);
  const winnerKey = raffleKeys.winner(id, ticketNumber);
  const [items, codeHash] = await Promise.all([
    batchGetAll([raffleKey, ticketKey, winnerKey]),
    keyedHash(canonicalCode),
  ]);
  const find = (wanted: { pk: string; sk: string }) =>
    items.find((item) => item.pk === wanted.pk && item.sk === wanted.sk);
  const raffleItem = find(raffleKey);
  if (!raffleItem) throw problems.notFound("raffle");
  const ticket = find(ticketKey);
  if (!ticket) throw problems.notFound("ticket");
  if (!digestsEqual(ticket.code_hash as string, codeHash)) {
    throw new HttpError(
      403,
      "invalid_verification_code",
      "The verification code does not match this ticket",
    );
  }
  const status = raffleRecordSchema.parse(raffleItem).status;
  const winner = find(winnerKey);
  if (status !== "drawn") return { ticket_number: ticketNumber, status: "pending", prize: null };
  return winner
    ? { ticket_number: ticketNumber, status: "won", prize: winner.prize as string }
    : { ticket_number: ticketNumber, status: "lost", prize: null };
}
