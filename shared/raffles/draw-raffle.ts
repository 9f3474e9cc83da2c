import { randomBytes } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { batchPutAll } from "../db/batches";
import { db, tableName } from "../db/client";
import { conditionFailureItem, isConditionFailure } from "../db/transactions";
import { problems } from "../http/problem";
import { byTicketNumber, drawWinners } from "./draw";
import { raffleKeys, raffleWinnerPartitions } from "./keys";
import { type RaffleRecord, raffleRecordSchema, readRaffleWithRemaining } from "./raffle-store";
import type { Winner } from "./schemas";

const SEED_BYTES = 32;

const alreadyDrawn = () => problems.conflict("already_drawn", "This raffle has been drawn");

/**
 * Draws a sold-out raffle. The seed (CSPRNG, at draw time) is recorded first with a conditional
 * write, so concurrent calls converge on one seed; the winners follow from the seed alone, so a
 * call that finds a draw half-done (status `drawing`) finishes it with the very same winners.
 */
export async function drawRaffle(id: string): Promise<Winner[]> {
  const { record: stored, remaining } = await readRaffleWithRemaining(id);
  let record = stored;
  if (record.status === "drawn") throw alreadyDrawn();
  if (record.status === "open") {
    if (remaining > 0) {
      throw problems.conflict("tickets_remaining", `${remaining} tickets are still unclaimed`);
    }
    record = await recordSeed(record);
    if (record.status === "drawn") throw alreadyDrawn();
  }
  const seed = record.draw_seed;
  if (!seed) throw new Error(`Raffle ${id} is drawing without a seed`);
  const winners = drawWinners(Buffer.from(seed, "hex"), record.total_tickets, record.prizes);
  const partitions = raffleWinnerPartitions(record.prizes);
  await batchPutAll(
    winners.map((winner) => ({
      ...raffleKeys.winner(id, winner.ticket_number, partitions),
      prize: winner.prize,
      ticket_number: winner.ticket_number,
    })),
  );
  await markDrawn(id, seed);
  return byTicketNumber(winners);
}

/** `open` → `drawing` with a fresh seed; when another call got there first, its record. */
async function recordSeed(record: RaffleRecord): Promise<RaffleRecord> {
  try {
    const result = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: raffleKeys.raffle(record.id),
        UpdateExpression: "SET #status = :drawing, draw_seed = :seed",
        ConditionExpression: "#status = :open",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":drawing": "drawing",
          ":open": "open",
          ":seed": randomBytes(SEED_BYTES).toString("hex"),
        },
        ReturnValues: "ALL_NEW",
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
    return raffleRecordSchema.parse(result.Attributes);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = conditionFailureItem(error);
    // The condition failed on the item as it stands: only a raffle that is gone has none.
    if (!current) throw new Error(`Raffle ${record.id} vanished while being drawn`);
    return raffleRecordSchema.parse(current);
  }
}

/** `drawing` → `drawn`, once; a concurrent call that finished first has already done it. */
async function markDrawn(id: string, seed: string): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: raffleKeys.raffle(id),
        UpdateExpression: "SET #status = :drawn, drawn_at = :now",
        ConditionExpression: "#status = :drawing AND draw_seed = :seed",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":drawn": "drawn",
          ":drawing": "drawing",
          ":seed": seed,
          ":now": new Date().toISOString(),
        },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
