import { randomInt } from "node:crypto";
import { nowIso } from "#platform/clock";
import { keyedHash } from "#platform/crypto/hash-key";
import {
  type AttemptResult,
  afterLostRace,
  alreadyParticipated,
  type ClaimAttempt,
  fillAfterCount,
  firstFill,
  refusalWhenFull,
  soldOut,
  soldOutView,
} from "#raffles/core/claim";
import { codeDigest } from "#raffles/core/ticket-chain";
import { newVerificationCode } from "#raffles/core/verification-code";
import { attemptClaim, holdsTicket } from "#raffles/store/claim-store";
import { raffleKeys } from "#raffles/store/keys";
import { raffleMeta, refreshShards } from "#raffles/store/raffle-store";
import { webhookEventPut } from "#webhooks";

/** Tries of one slot as its fill variant changes: "not last", then "last" (core/claim.ts). */
const FILL_TRIES = 3;

/**
 * Gives the player the next slot of a random shard: ONE transaction advances that shard's counter
 * and claim chain (conditional on the values we believe it has), creates the ticket item and the
 * player's lock. A lost race returns the shard's current values (ReturnValuesOnConditionCheckFailure),
 * so the retry needs no read; a full shard sends us to another one (after one read of every
 * counter, since our view was old). When every shard is full, a player who holds a ticket is told
 * so (`already_participated`), anyone else `sold_out`.
 * The claim that takes a shard's last slot also counts the shard full (ShardFill in
 * core/claim.ts): the one that fills the last shard sells the raffle out, and writes the
 * `raffle.sold_out` event (and an auto_draw raffle's draw work) in its own transaction. Its
 * first try counts as "not the last"; the failed condition returns the counter, and the same
 * slot is tried again as the last (one more transaction, once per raffle).
 *
 * `playerIdentity` is who the player is for "one ticket each" (the HTTP layer's caller identity:
 * an IPv4 address or an IPv6 /64); only its keyed hash is stored.
 */
export async function claimTicket(raffleId: string, playerIdentity: string) {
  const raffle = await raffleMeta(raffleId);
  const { code, canonical } = newVerificationCode();
  const [codeHash, playerHash] = await Promise.all([
    keyedHash(canonical),
    keyedHash(playerIdentity),
  ]);
  const playerKey = raffleKeys.player(raffle.id, playerHash);
  const { shards } = raffle;
  // Set when a read made with the shards found no lock: sold out then needs no second look.
  let lockAbsent = false;
  for (;;) {
    const shard = await shards.acquire(randomInt);
    if (shard === undefined) {
      if (lockAbsent) throw soldOut();
      throw refusalWhenFull(await holdsTicket(raffle.id, playerHash));
    }
    const slot = shards.next[shard] as number;
    const ticketNumber = raffle.permutation.apply(slot) + 1;
    let result: AttemptResult;
    try {
      const claimedAt = nowIso();
      let attempt: ClaimAttempt = {
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
        claimedAt,
        ...(slot + 1 === shards.end[shard]
          ? { fill: firstFill(shards.count, claimedAt, raffle.totalTickets) }
          : {}),
      };
      result = await attemptClaim(attempt, soldOutWrites(attempt, raffle.autoDraw));
      // The slot was ours but the fill counter said another variant: the same slot again.
      for (let tries = 1; result.kind === "miscounted"; tries++) {
        if (tries >= FILL_TRIES || !attempt.fill) {
          throw new Error(`The fill counter of ${raffle.id} keeps changing under one slot`);
        }
        attempt = { ...attempt, fill: fillAfterCount(attempt, attempt.fill, result.counter) };
        result = await attemptClaim(attempt, soldOutWrites(attempt, raffle.autoDraw));
      }
      // Before release: whoever waits for this shard must see what we learnt.
      if (result.kind === "claimed") shards.advance(shard, slot + 1, result.head);
      if (result.kind === "raced") {
        const learnt = afterLostRace(attempt, result);
        shards.advance(shard, learnt.next, learnt.head);
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

/** What the claim that sells the raffle out writes besides the claim: its event, and the draw's work. */
function soldOutWrites(attempt: ClaimAttempt, autoDraw: boolean) {
  const { fill } = attempt;
  if (!fill?.last) return undefined;
  const data = soldOutView(attempt.raffleId, fill);
  return {
    event: webhookEventPut("raffle.sold_out", data, Date.parse(fill.soldOutAt)),
    autoDraw,
  };
}
