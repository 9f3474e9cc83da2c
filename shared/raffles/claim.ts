import { randomInt } from "node:crypto";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { keyedHash } from "../crypto/hash-key";
import { db, tableName } from "../db/client";
import { cancellationReasons } from "../db/transactions";
import { callerIdentity } from "../http/client-ip";
import { problems } from "../http/problem";
import { raffleKeys } from "./keys";
import { raffleMeta, refreshShards } from "./raffle-store";
import { newVerificationCode } from "./verification-code";

/** Positions of the transaction's items, as in its cancellation reasons. */
const SHARD = 0;
const PLAYER = 2;

/** Why a claim attempt did not take its slot. */
type AttemptResult =
  | { kind: "claimed" }
  | { kind: "raced"; current: number }
  | { kind: "already_participated" };

/**
 * Gives the caller the next slot of a random shard: ONE transaction advances that shard's counter
 * (conditional on the value we believe it has), creates the ticket item and the player's lock.
 * A lost race returns the shard's current value (ReturnValuesOnConditionCheckFailure), so the
 * retry needs no read; a full shard sends us to another one (after one read of every counter,
 * since our view was old); every shard full is `sold_out`.
 */
export async function claimTicket(raffleId: string, sourceIp: string) {
  const raffle = await raffleMeta(raffleId);
  const { code, canonical } = newVerificationCode();
  const [codeHash, playerHash] = await Promise.all([
    keyedHash(canonical),
    keyedHash(callerIdentity(sourceIp)),
  ]);
  const claimedAt = new Date().toISOString();
  const { shards } = raffle;
  for (;;) {
    const shard = await shards.acquire(randomInt);
    if (shard === undefined) {
      throw problems.conflict("sold_out", "No tickets remain in this raffle");
    }
    const slot = shards.next[shard] as number;
    const ticketNumber = raffle.permutation.apply(slot) + 1;
    let result: AttemptResult;
    try {
      result = await attemptClaim({
        raffleId: raffle.id,
        shard,
        start: shards.start[shard] as number,
        slot,
        ticketNumber,
        codeHash,
        playerHash,
        claimedAt,
      });
      // Before release: whoever waits for this shard must see what we learnt.
      if (result.kind === "claimed") shards.advance(shard, slot + 1);
      if (result.kind === "raced") {
        // Counters only grow: a current value not past our slot would mean a corrupt shard.
        if (result.current <= slot) {
          throw new Error(`Shard ${shard} of ${raffle.id} went backwards`);
        }
        shards.advance(shard, result.current);
      }
    } finally {
      shards.release(shard);
    }
    if (result.kind === "claimed") {
      return { raffle_id: raffle.id, ticket_number: ticketNumber, verification_code: code };
    }
    if (result.kind === "already_participated") {
      throw problems.conflict("already_participated", "You already hold a ticket in this raffle");
    }
    // A shard we thought open was full: our view is old, so read every counter at once
    // (one BatchGetItem) rather than find the other full shards one failed attempt at a time.
    if (shards.isFull(shard)) await refreshShards([raffle]);
  }
}

/** One claim attempt: this slot of this shard, as this ticket, for this player. */
export interface ClaimAttempt {
  raffleId: string;
  shard: number;
  /** The first slot of the shard's range: an absent shard item stands at it. */
  start: number;
  slot: number;
  ticketNumber: number;
  codeHash: string;
  playerHash: string;
  claimedAt: string;
}

/** The claim's one transaction: advance the shard counter, create the ticket and the lock. */
export function claimTransaction(attempt: ClaimAttempt) {
  const { raffleId, shard, start, slot, ticketNumber } = attempt;
  return new TransactWriteCommand({
    TransactItems: [
      {
        Update: {
          TableName: tableName,
          Key: raffleKeys.shard(raffleId, shard),
          UpdateExpression: "SET #next = :taken",
          ConditionExpression:
            slot === start ? "attribute_not_exists(#next) OR #next = :slot" : "#next = :slot",
          ExpressionAttributeNames: { "#next": "next" },
          ExpressionAttributeValues: { ":slot": slot, ":taken": slot + 1 },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: {
            ...raffleKeys.ticket(raffleId, ticketNumber),
            raffle_id: raffleId,
            ticket_number: ticketNumber,
            code_hash: attempt.codeHash,
            claimed_at: attempt.claimedAt,
          },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: { ...raffleKeys.player(raffleId, attempt.playerHash), ticket_number: ticketNumber },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
    ],
  });
}

async function attemptClaim(attempt: ClaimAttempt): Promise<AttemptResult> {
  try {
    await db.send(claimTransaction(attempt));
    return { kind: "claimed" };
  } catch (error) {
    const reasons = cancellationReasons(error);
    const failed = (index: number) => reasons?.[index]?.code === "ConditionalCheckFailed";
    if (failed(PLAYER)) return { kind: "already_participated" };
    // A lost race fails the ticket's condition too (the winner took the same slot's ticket);
    // the ticket's condition failing alone would mean a corrupt shard: not retried.
    if (failed(SHARD)) {
      const current = reasons?.[SHARD]?.item?.next;
      return { kind: "raced", current: typeof current === "number" ? current : attempt.start };
    }
    throw error;
  }
}
