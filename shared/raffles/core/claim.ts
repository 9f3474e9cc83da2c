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
   * Set when this claim takes its shard's last slot: it also counts the shard on the raffle's
   * fill counter (store/keys.ts, `fills`), as one of the first shard_count − 1 shards filled or
   * as the last one, which sells the raffle out (see ShardFill).
   */
  fill?: ShardFill;
}

/**
 * How a shard-filling claim counts its shard. `last: false`: on condition that fewer than
 * shard_count − 1 shards are full. `last: true`: on condition that exactly shard_count − 1 are,
 * and then this claim sells the raffle out: its transaction also writes the `raffle.sold_out`
 * event (and, for a raffle that draws itself, the auto-draw work). The condition that fails
 * returns the counter, and the claim is tried again as the variant the counter says it is
 * (fillAfterCount): exactly one claim per raffle passes as the last.
 */
export type ShardFill = { shardCount: number; totalTickets: number } & (
  | { last: false }
  | { last: true; soldOutAt: string }
);

/** The fill counter as a failed condition returns it: how many shards are full, and when each filled. */
export interface FillCounter {
  fullShards: number;
  /** Each full shard's filling claim time (its last claim): what the draw's sold_out_at is the latest of. */
  filledAt: readonly string[];
}

/**
 * The first try of a filling claim: as one of the first shards, unless the raffle has one shard
 * (then it is the last). Trying "not last" first costs the last claim of a raffle one more
 * transaction, and in exchange the failed condition hands it every other shard's fill time.
 */
export const firstFill = (
  shardCount: number,
  claimedAt: string,
  totalTickets: number,
): ShardFill =>
  shardCount === 1
    ? { shardCount, totalTickets, last: true, soldOutAt: claimedAt }
    : { shardCount, totalTickets, last: false };

/**
 * What a filling claim whose counter condition failed tries next, from the counter it found:
 * `shard_count − 1` full means every other shard is full, so this claim is the last, and the
 * raffle sold out at the latest claim of all (the same time the draw records, which is the
 * latest of the shards' last claims); fewer means it is not. A counter at shard_count or above
 * would count a shard twice: corrupt, thrown rather than retried.
 */
export function fillAfterCount(
  attempt: Pick<ClaimAttempt, "raffleId" | "claimedAt">,
  fill: ShardFill,
  counter: FillCounter,
): ShardFill {
  const { shardCount, totalTickets } = fill;
  if (counter.fullShards > shardCount - 1 || counter.fullShards < 0) {
    throw new Error(`The fill counter of ${attempt.raffleId} counts more shards than it has`);
  }
  if (counter.fullShards < shardCount - 1) return { shardCount, totalTickets, last: false };
  return {
    shardCount,
    totalTickets,
    last: true,
    soldOutAt: latestOf([...counter.filledAt, attempt.claimedAt]),
  };
}

const latestOf = (times: readonly string[]) =>
  new Date(Math.max(...times.map((at) => Date.parse(at)))).toISOString();

/** The `raffle.sold_out` event's data: the raffle as a manager then sees it. */
export const soldOutView = (raffleId: string, fill: Extract<ShardFill, { last: true }>) => ({
  id: raffleId,
  status: "sold_out" as const,
  total_tickets: fill.totalTickets,
  tickets_remaining: 0,
  sold_out_at: fill.soldOutAt,
});

/** How one attempt ended: its slot taken, a race lost (with the shard's values), or no claim at all. */
export type AttemptResult =
  | { kind: "claimed"; head: string }
  | { kind: "raced"; current: number; head: string }
  | { kind: "already_participated" }
  /** The slot was ours, but the fill counter was not as this claim's variant required. */
  | { kind: "miscounted"; counter: FillCounter };

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
