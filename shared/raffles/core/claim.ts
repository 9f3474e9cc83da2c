// The claim's decisions, pure: what one attempt writes, what a lost race teaches, and what a
// player is told when every shard is full. claim-ticket.ts runs the attempts; store/ writes them.
import { DomainError } from "#platform/errors";
import { nextChainHead } from "./ticket-chain";

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
  /**
   * This claim fills its shard of a raffle that draws itself: it also writes the shard's
   * auto-draw work, so that the claim that sells the raffle out (the last shard filled) has.
   */
  fillsAutoDrawShard: boolean;
}

/** How one attempt ended: its slot taken, a race lost (with the shard's values), or no claim at all. */
export type AttemptResult =
  | { kind: "claimed"; head: string }
  | { kind: "raced"; current: number; head: string }
  | { kind: "already_participated" };

/** A claimed ticket as stored: where it stands in its shard's chain, and its code's hashes. */
export interface TicketRecord {
  raffle_id: string;
  ticket_number: number;
  /** The keyed hash of the canonical code: what verification compares. */
  code_hash: string;
  /** The public digest of the code (ticket-chain.ts): what the register shows. */
  code_digest: string;
  claimed_at: string;
  shard: number;
  /** The entry's place in its shard's chain: slot − start. */
  position: number;
}

/** A player's lock in a raffle: one per player, naming the ticket they hold. */
export interface PlayerLock {
  raffleId: string;
  /** The keyed hash of the player's identity (an IP address is personal data). */
  playerHash: string;
  ticketNumber: number;
}

/** The chain head once this attempt's claim is in. */
export const chainHeadAfter = (attempt: ClaimAttempt) =>
  nextChainHead(attempt.previousHead, {
    ticket_number: attempt.ticketNumber,
    code_digest: attempt.codeDigest,
    claimed_at: attempt.claimedAt,
  });

/** The ticket item an attempt creates. */
export const ticketOf = (attempt: ClaimAttempt): TicketRecord => ({
  raffle_id: attempt.raffleId,
  ticket_number: attempt.ticketNumber,
  code_hash: attempt.codeHash,
  code_digest: attempt.codeDigest,
  claimed_at: attempt.claimedAt,
  shard: attempt.shard,
  position: attempt.slot - attempt.start,
});

/**
 * What a lost race teaches: the shard's counter and head to carry on from. Counters only grow:
 * a current value behind our slot would mean a corrupt shard, and one at our slot with the very
 * head we sent means our write failed for another reason; both throw rather than retry.
 */
export function afterLostRace(
  attempt: ClaimAttempt,
  result: { current: number; head: string },
): { next: number; head: string } {
  const stale = result.current > attempt.slot || result.head !== attempt.previousHead;
  if (result.current < attempt.slot || !stale) {
    throw new Error(
      `Shard ${attempt.shard} of ${attempt.raffleId} is inconsistent with its claims`,
    );
  }
  return { next: result.current, head: result.head };
}

/** `sold_out`: no ticket remains for this player to claim. */
export const soldOut = () => new DomainError("sold_out", "No tickets remain in this raffle");

/** `already_participated`: the player's lock exists, so this player holds a ticket. */
export const alreadyParticipated = () =>
  new DomainError("already_participated", "You already hold a ticket in this raffle");

/** The refusal once every shard is full: a player who holds a ticket is told so, anyone else `sold_out`. */
export const refusalWhenFull = (holdsTicket: boolean) =>
  holdsTicket ? alreadyParticipated() : soldOut();
