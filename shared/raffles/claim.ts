import { randomInt } from "node:crypto";
import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { keyedHash } from "#platform/crypto/hash-key";
import { db, tableName } from "#platform/db/client";
import { cancellationReasons } from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import { callerIdentity } from "#platform/http/client-ip";
import { raffleClock } from "./clock";
import { raffleKeys } from "./keys";
import { raffleMeta, refreshShards } from "./raffle-store";
import { codeDigest, nextChainHead } from "./register";
import { newVerificationCode } from "./verification-code";

/** Positions of the transaction's items, as in its cancellation reasons. */
const SHARD = 0;
const PLAYER = 2;

/** Why a claim attempt did not take its slot. */
type AttemptResult =
  | { kind: "claimed"; head: string }
  | { kind: "raced"; current: number; head: string }
  | { kind: "already_participated" };

const soldOut = () => new DomainError("sold_out", "No tickets remain in this raffle");
const alreadyParticipated = () =>
  new DomainError("already_participated", "You already hold a ticket in this raffle");

/**
 * Gives the caller the next slot of a random shard: ONE transaction advances that shard's counter
 * and claim chain (conditional on the values we believe it has), creates the ticket item and the
 * player's lock. A lost race returns the shard's current values (ReturnValuesOnConditionCheckFailure),
 * so the retry needs no read; a full shard sends us to another one (after one read of every
 * counter, since our view was old). When every shard is full, a player who holds a ticket is told
 * so (`already_participated`), anyone else `sold_out`.
 */
export async function claimTicket(raffleId: string, sourceIp: string) {
  const raffle = await raffleMeta(raffleId);
  const { code, canonical } = newVerificationCode();
  const [codeHash, playerHash] = await Promise.all([
    keyedHash(canonical),
    keyedHash(callerIdentity(sourceIp)),
  ]);
  const playerKey = raffleKeys.player(raffle.id, playerHash);
  const { shards } = raffle;
  // Set when a read made with the shards found no lock: sold out then needs no second look.
  let lockAbsent = false;
  for (;;) {
    const shard = await shards.acquire(randomInt);
    if (shard === undefined) {
      if (lockAbsent || !(await holdsTicket(playerKey))) throw soldOut();
      throw alreadyParticipated();
    }
    const slot = shards.next[shard] as number;
    const ticketNumber = raffle.permutation.apply(slot) + 1;
    let result: AttemptResult;
    try {
      const attempt: ClaimAttempt = {
        raffleId: raffle.id,
        shard,
        start: shards.start[shard] as number,
        slot,
        previousHead: shards.head[shard] as string,
        ticketNumber,
        codeHash,
        codeDigest: codeDigest(raffle.id, ticketNumber, canonical),
        playerHash,
        // Taken now, once the slot is known: within a shard, claim times then follow claim order.
        claimedAt: new Date(raffleClock.now()).toISOString(),
      };
      result = await attemptClaim(attempt);
      // Before release: whoever waits for this shard must see what we learnt.
      if (result.kind === "claimed") shards.advance(shard, slot + 1, result.head);
      if (result.kind === "raced") {
        // Counters only grow: a current value behind our slot would mean a corrupt shard, and
        // one at our slot with the very head we sent means our write failed for another reason.
        const stale = result.current > slot || result.head !== attempt.previousHead;
        if (result.current < slot || !stale) {
          throw new Error(`Shard ${shard} of ${raffle.id} is inconsistent with its claims`);
        }
        shards.advance(shard, result.current, result.head);
      }
    } finally {
      shards.release(shard);
    }
    if (result.kind === "claimed") {
      return { raffle_id: raffle.id, ticket_number: ticketNumber, verification_code: code };
    }
    if (result.kind === "already_participated") throw alreadyParticipated();
    // A shard we thought open was full: our view is old, so read every counter at once
    // (one BatchGetItem, with the player's lock) rather than find the other full shards one
    // failed attempt at a time.
    if (shards.isFull(shard)) {
      const items = await refreshShards([raffle], [playerKey]);
      if (items.some((item) => item.pk === playerKey.pk)) throw alreadyParticipated();
      lockAbsent = true;
    }
  }
}

/** Whether the player's lock exists: read only once the raffle looks sold out. */
async function holdsTicket(playerKey: Record<string, string>): Promise<boolean> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: playerKey, ConsistentRead: true }),
  );
  return Item !== undefined;
}

/** One claim attempt: this slot of this shard, as this ticket, for this player. */
export interface ClaimAttempt {
  raffleId: string;
  shard: number;
  /** The first slot of the shard's range: an absent shard item stands at it. */
  start: number;
  slot: number;
  /** The shard's chain head after the claims before this slot. */
  previousHead: string;
  ticketNumber: number;
  codeHash: string;
  codeDigest: string;
  playerHash: string;
  claimedAt: string;
}

/** The chain head once this attempt's claim is in. */
const headAfter = (attempt: ClaimAttempt) =>
  nextChainHead(attempt.previousHead, {
    ticket_number: attempt.ticketNumber,
    code_digest: attempt.codeDigest,
    claimed_at: attempt.claimedAt,
  });

/**
 * The claim's one transaction: advance the shard's counter and chain head (only from the values
 * this claim was built on, so the chain is exactly the shard's claims in order), create the
 * ticket and the lock.
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
            ":head": headAfter(attempt),
            ":at": attempt.claimedAt,
            ...(position === 0 ? {} : { ":slot": slot, ":previous": attempt.previousHead }),
          },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: {
            ...raffleKeys.ticket(raffleId, ticketNumber),
            ...raffleKeys.registerEntry(raffleId, shard, position),
            raffle_id: raffleId,
            ticket_number: ticketNumber,
            code_hash: attempt.codeHash,
            code_digest: attempt.codeDigest,
            claimed_at: attempt.claimedAt,
            shard,
            position,
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
  const transaction = claimTransaction(attempt);
  try {
    await db.send(transaction);
    return { kind: "claimed", head: headAfter(attempt) };
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
