import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "#platform/db/client";
import { cancellationReasons, type TransactItem } from "#platform/db/transactions";
import {
  type AttemptResult,
  type ClaimAttempt,
  chainHeadAfter,
  type FillCounter,
  type ShardFill,
  ticketOf,
} from "#raffles/core/claim";
import { toAutoDrawItem } from "./auto-draw-item";
import { raffleKeys } from "./keys";
import { toPlayerItem } from "./player-item";
import { toTicketItem } from "./ticket-item";

/** Positions of the transaction's items, as in its cancellation reasons. */
const SHARD = 0;
const PLAYER = 2;
const FILLS = 3;

/**
 * The fill counter's update by a claim that fills its shard: counts the shard and notes when it
 * filled, on condition that the counter is where the variant says (core/claim.ts, ShardFill);
 * the last one also notes the sell-out. A failed condition returns the counter.
 */
function fillUpdate(raffleId: string, shard: number, claimedAt: string, fill: ShardFill) {
  const last = fill.shardCount - 1;
  const condition = fill.last
    ? last === 0
      ? "attribute_not_exists(full_shards)"
      : "full_shards = :last"
    : "attribute_not_exists(full_shards) OR full_shards < :last";
  return {
    Update: {
      TableName: tableName,
      Key: raffleKeys.fills(raffleId),
      UpdateExpression: `ADD full_shards :one SET raffle_id = :id, #filled = :at${fill.last ? ", sold_out_at = :soldOut" : ""}`,
      ConditionExpression: condition,
      ExpressionAttributeNames: { "#filled": filledAtAttribute(shard) },
      ExpressionAttributeValues: {
        ":one": 1,
        ":id": raffleId,
        ":at": claimedAt,
        ...(fill.last && last === 0 ? {} : { ":last": last }),
        ...(fill.last ? { ":soldOut": fill.soldOutAt } : {}),
      },
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    },
  } satisfies TransactItem;
}

/** The fill counter's attribute with shard `shard`'s filling time. */
const filledAtAttribute = (shard: number) => `filled_at_${shard}`;

/** The fill counter as stored (an absent item: no shard full yet). */
function fillCounterOf(item: Record<string, unknown> | undefined): FillCounter {
  const fullShards = typeof item?.full_shards === "number" ? item.full_shards : 0;
  const filledAt = Object.entries(item ?? {})
    .filter(([name, value]) => name.startsWith("filled_at_") && typeof value === "string")
    .map(([, value]) => value as string);
  return { fullShards, filledAt };
}

/**
 * The claim's one transaction: advance the shard's counter and chain head (only from the values
 * this claim was built on, so the chain is exactly the shard's claims in order), create the
 * ticket and the lock. A claim that fills its shard also counts it on the fill counter; the one
 * that fills the last shard (the sell-out) adds `soldOut`: the `raffle.sold_out` event, and for a
 * raffle that draws itself its auto-draw work (outbox work the stream's function draws from).
 */
export function claimTransaction(
  attempt: ClaimAttempt,
  soldOut: { event: TransactItem; autoDraw: boolean } | undefined = undefined,
) {
  const { raffleId, shard, start, slot, ticketNumber, fill } = attempt;
  if (fill?.last && !soldOut) throw new Error("The claim that sells out must write its event");
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
      ...(fill ? [fillUpdate(raffleId, shard, attempt.claimedAt, fill)] : []),
      ...(fill?.last && soldOut ? [soldOut.event] : []),
      ...(fill?.last && soldOut?.autoDraw
        ? [
            {
              Put: {
                TableName: tableName,
                Item: toAutoDrawItem({ raffleId, createdAt: fill.soldOutAt }),
                ConditionExpression: "attribute_not_exists(pk)",
              },
            },
          ]
        : []),
    ],
  });
}

/**
 * Runs one attempt's transaction; a lost race comes back with the shard's current values, a
 * filling claim whose counter was not as its variant said with the counter.
 */
export async function attemptClaim(
  attempt: ClaimAttempt,
  soldOut?: { event: TransactItem; autoDraw: boolean },
): Promise<AttemptResult> {
  const transaction = claimTransaction(attempt, soldOut);
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
    // The slot was ours; only the count of full shards was not what this variant needs.
    if (attempt.fill && failed(FILLS)) {
      return { kind: "miscounted", counter: fillCounterOf(reasons?.[FILLS]?.item) };
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
