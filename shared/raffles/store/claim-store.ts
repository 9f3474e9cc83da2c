import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "#platform/db/client";
import { cancellationReasons } from "#platform/db/transactions";
import {
  type AttemptResult,
  type ClaimAttempt,
  chainHeadAfter,
  ticketOf,
} from "#raffles/core/claim";
import { toAutoDrawItem } from "./auto-draw-item";
import { raffleKeys } from "./keys";
import { toPlayerItem } from "./player-item";
import { toTicketItem } from "./ticket-item";

/** Positions of the transaction's items, as in its cancellation reasons. */
const SHARD = 0;
const PLAYER = 2;

/**
 * The claim's one transaction: advance the shard's counter and chain head (only from the values
 * this claim was built on, so the chain is exactly the shard's claims in order), create the
 * ticket and the lock; and, when it fills a shard of a raffle that draws itself, that shard's
 * auto-draw work (outbox work: the stream's function draws once the last shard is full).
 */
export function claimTransaction(attempt: ClaimAttempt) {
  const { raffleId, shard, start, slot, ticketNumber } = attempt;
  const position = slot - start;
  return new TransactWriteCommand({
    TransactItems: [
      {
        Update: {
          TableName: tableName,
          Key: raffleKeys.shard(raffleId, shard),
          UpdateExpression: "SET #next = :taken, head = :head, last_claimed_at = :at",
          ConditionExpression:
            position === 0 ? "attribute_not_exists(#next)" : "#next = :slot AND head = :previous",
          ExpressionAttributeNames: { "#next": "next" },
          ExpressionAttributeValues: {
            ":taken": slot + 1,
            ":head": chainHeadAfter(attempt),
            ":at": attempt.claimedAt,
            ...(position === 0 ? {} : { ":slot": slot, ":previous": attempt.previousHead }),
          },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: toTicketItem(ticketOf(attempt)),
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: toPlayerItem({ raffleId, playerHash: attempt.playerHash, ticketNumber }),
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      ...(attempt.fillsAutoDrawShard
        ? [
            {
              Put: {
                TableName: tableName,
                Item: toAutoDrawItem({ raffleId, shard, createdAt: attempt.claimedAt }),
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
          ]
        : []),
    ],
  });
}

/** Runs one attempt's transaction; a lost race comes back with the shard's current values. */
export async function attemptClaim(attempt: ClaimAttempt): Promise<AttemptResult> {
  const transaction = claimTransaction(attempt);
  try {
    await db.send(transaction);
    return { kind: "claimed", head: chainHeadAfter(attempt) };
  } catch (error) {
    const reasons = cancellationReasons(error);
    const failed = (index: number) => reasons?.[index]?.code === "ConditionalCheckFailed";
    if (failed(PLAYER)) return { kind: "already_participated" };
    // A lost race fails the ticket's condition too (the winner took the same slot's ticket);
    // the ticket's condition failing alone would mean a corrupt shard: not retried.
    if (failed(SHARD)) {
      const current = reasons?.[SHARD]?.item;
      return typeof current?.next === "number" && typeof current.head === "string"
        ? { kind: "raced", current: current.next, head: current.head }
        : { kind: "raced", current: attempt.start, head: attempt.previousHead };
    }
    throw error;
  }
}

/** Whether the player's lock exists: read only once the raffle looks sold out. */
export async function holdsTicket(raffleId: string, playerHash: string): Promise<boolean> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: raffleKeys.player(raffleId, playerHash),
      ConsistentRead: true,
    }),
  );
  return Item !== undefined;
}
