/*
 * Raffle items in the one table. Every item a claim writes has a partition key of its own, so
 * no partition takes more than a small share of one raffle's claims.
 *
 * | item    | pk                                   | sk                  | attributes                                  |
 * |---------|--------------------------------------|---------------------|---------------------------------------------|
 * | raffle  | RAFFLE#<id>                          | RAFFLE              | id, name, total_tickets, prizes, created_at, |
 * |         |                                      |                     | auto_draw,                                   |
 * |         |                                      |                     | shard_count, permutation_key (secret, hex),  |
 * |         |                                      |                     | algorithm, operator_seed (secret until drawn),|
 * |         |                                      |                     | draw_commitment, status (open|drawing|drawn),|
 * |         |                                      |                     | drawn_at; the draw's inputs once recorded:   |
 * |         |                                      |                     | register_digest, sold_out_at, beacon (map),  |
 * |         |                                      |                     | seed_for_winners; gsi1pk=RAFFLES,            |
 * |         |                                      |                     | gsi1sk=<created_at>#<id>                     |
 * | shard   | RAFFLE#<id>#SHARD#<i>                | SHARD               | next: the next slot to hand out; head: the   |
 * |         |                                      |                     | head of the shard's claim chain; last_claimed_at. |
 * |         |                                      |                     | Absent until its first claim (next = range   |
 * |         |                                      |                     | start, head = genesis), so creation writes one item |
 * | ticket  | RAFFLE#<id>#TICKET#<n>               | TICKET              | raffle_id, ticket_number, code_hash (keyed), |
 * |         |                                      |                     | code_digest (public), claimed_at, shard,     |
 * |         |                                      |                     | position; gsi1pk=RAFFLE#<id>#REGISTER#<i>,   |
 * |         |                                      |                     | gsi1sk=<position, 9 digits>                  |
 * | player  | RAFFLE#<id>#PLAYER#<hmac(identity)>  | PLAYER              | ticket_number (the lock: one per player)     |
 * | winner  | RAFFLE#<id>#WINNERS#<ticket % W>     | <ticket, 9 digits>  | prize, ticket_number                         |
 * | fills   | RAFFLE#<id>#FILLS                    | FILLS               | raffle_id, full_shards (how many shards are  |
 * |         |                                      |                     | full), filled_at_<i> (shard i's filling claim|
 * |         |                                      |                     | time), sold_out_at (once the last is full).  |
 * |         |                                      |                     | Absent until the first shard fills           |
 * | auto-draw | RAFFLE#<id>#AUTODRAW               | AUTODRAW            | raffle_id, and the outbox's work attributes |
 * |         |                                      |                     | (platform/outbox/work-item.ts, kind          |
 * |         |                                      |                     | `auto-draw`, its own gsi1 keys)              |
 *
 * Shard i owns the contiguous slots of shardRange(); slot k is ticket permutation(k) + 1, and the
 * claim of slot k is entry k − start of the shard's chain (core/ticket-chain.ts). The chain's head rides on
 * the shard item the claim writes anyway, so a claim is still one transaction of three items.
 * The register export reads a shard's tickets in claim order from gsi1 (one index partition per
 * shard, written at that shard's claim rate).
 * Winners are spread over W = winnerPartitions(prize units) partitions of at most ~1,000 items:
 * a draw of 10,000 units into one partition (~1,000 WCU/s) would outlast the function's timeout.
 * The sell-out is decided exactly once, by the fill counter: only a claim that takes its shard's
 * last slot writes it (a fourth item, at most 64 times per raffle, never on an ordinary claim),
 * on condition that fewer than shard_count − 1 shards are full, or, for the last shard, that
 * exactly shard_count − 1 are (core/claim.ts, ShardFill). That last claim's transaction also
 * writes the `raffle.sold_out` webhook event and, for an `auto_draw` raffle, its one auto-draw
 * item: no sell-out without them, no event or work without the sell-out.
 * The player lock is keyed by a keyed hash of the caller's identity: the lock needs equality
 * only, and an IP address is personal data.
 * Listing newest first: gsi1 with one partition "RAFFLES" (raffles are created by managers,
 * a few per second at most, far below one partition's limits).
 * No raffle item has a TTL: raffles, tickets and winners are the audit's record, kept for good.
 * Idempotency records of raffle creation: scope RAFFLES (shared/platform/idempotency/record.ts).
 * Item mapping: <entity>-item.ts (to<Entity>Item / from<Entity>Item); the shard item is written
 * only by the claim's conditional Update (claim-store.ts), never put whole.
 */
import { key, sortableNumber } from "#platform/db/keys";
import { type Prize, prizeUnits } from "#raffles/core/prizes";

/** How many partitions a draw's winner items are spread over (one for up to 1,000 units). */
export const winnerPartitions = (units: number) => Math.max(1, Math.ceil(units / 1000));

/** The winner partitions of a raffle with these prizes: one winner item per prize unit. */
export const raffleWinnerPartitions = (prizes: readonly Prize[]) =>
  winnerPartitions(prizeUnits(prizes));

/** The gsi1 partition that lists every raffle. */
export const RAFFLE_LIST_PARTITION = "RAFFLES";

/** Key builders for every raffle item. */
/** The scope of the Idempotency-Keys of raffle creation. */
export const RAFFLES_IDEMPOTENCY_SCOPE = "RAFFLES";

export const raffleKeys = {
  raffle: (id: string) => ({ pk: key("RAFFLE", id), sk: "RAFFLE" }),
  shard: (id: string, index: number) => ({ pk: key("RAFFLE", id, "SHARD", index), sk: "SHARD" }),
  ticket: (id: string, ticketNumber: number) => ({
    pk: key("RAFFLE", id, "TICKET", ticketNumber),
    sk: "TICKET",
  }),
  player: (id: string, identityHash: string) => ({
    pk: key("RAFFLE", id, "PLAYER", identityHash),
    sk: "PLAYER",
  }),
  fills: (id: string) => ({ pk: key("RAFFLE", id, "FILLS"), sk: "FILLS" }),
  autoDraw: (id: string) => ({ pk: key("RAFFLE", id, "AUTODRAW"), sk: "AUTODRAW" }),
  winnerPartition: (id: string, partition: number) => key("RAFFLE", id, "WINNERS", partition),
  winner: (id: string, ticketNumber: number, partitions: number) => ({
    pk: raffleKeys.winnerPartition(id, ticketNumber % partitions),
    sk: sortableNumber(ticketNumber, 9),
  }),
  /** Where a ticket stands in its shard's chain: the register export's gsi1 key. */
  registerEntry: (id: string, shard: number, position: number) => ({
    gsi1pk: raffleKeys.registerPartition(id, shard),
    gsi1sk: sortableNumber(position, 9),
  }),
  registerPartition: (id: string, shard: number) => key("RAFFLE", id, "REGISTER", shard),
  listing: (createdAt: string, id: string) => ({
    gsi1pk: RAFFLE_LIST_PARTITION,
    gsi1sk: key(createdAt, id),
  }),
};
