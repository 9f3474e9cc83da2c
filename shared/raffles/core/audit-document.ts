// The audit document: what `GET /v1/raffles/{id}/audit` and the register export show, and what
// the verifier (draw-verifier.ts) reads back from a file. One schema for both, so the verifier
// accepts exactly what the API publishes.
import * as z from "zod";
import { type BeaconInfo, beaconDescription } from "./beacon-round";
import { type BeaconSchedule, roundTimeMs } from "./beacon-schedule";
import type { TicketRecord } from "./claim";
import { beaconRoundFor } from "./draw-algorithm";
import { prizeOutput, type Winner, winnerSchema } from "./prizes";
import type { RaffleRecord } from "./raffle-record";
import { completedRegister, type ShardState } from "./shards";

const hex = (description: string) => z.string().meta({ description });

/** One shard's claim chain as the audit shows it. */
const chainSchema = z.object({
  shard: z.number().int(),
  /** How many tickets the shard hands out in all. */
  capacity: z.number().int(),
  tickets_claimed: z.number().int(),
  head: hex("The chain's head after its last claim; its genesis value before any claim"),
  last_claimed_at: z.string().nullable(),
});

const beaconSchema = z.object({
  network: z.string().meta({ description: "`drand-quicknet`, or `local` (development only)" }),
  chain_hash: z.string().nullable(),
  public_key: hex("The BLS12-381 key (G2, compressed) that signs the rounds"),
  scheme: z.string(),
  genesis_time: z.number().int().meta({ description: "Unix seconds of round 1" }),
  period_seconds: z.number().int(),
  round: z.number().int().nullable().meta({ description: "Fixed once the raffle is sold out" }),
  round_time: z.string().nullable(),
  signature: z.string().nullable(),
  randomness: z.string().nullable(),
});

/** `GET /v1/raffles/{id}/audit`: what is committed so far; after the draw, all its inputs. */
export const auditSchema = z.object({
  raffle_id: z.string(),
  status: z.enum(["open", "sold_out", "drawn"]),
  algorithm: z.string(),
  total_tickets: z.number().int(),
  prizes: z.array(prizeOutput),
  draw_commitment: hex("SHA-256 of the operator seed, published at creation"),
  chains: z.array(chainSchema),
  register_digest: z.string().nullable().meta({ description: "Once every ticket is claimed" }),
  sold_out_at: z.string().nullable(),
  beacon: beaconSchema,
  operator_seed: z.string().nullable().meta({ description: "Revealed by the draw" }),
  seed_for_winners: z.string().nullable(),
  winners: z.array(winnerSchema).nullable().meta({ description: "By ticket number" }),
});
export type Audit = z.output<typeof auditSchema>;

/** One ticket of the register export: where it stands in its shard's chain. */
export const registerEntrySchema = z.object({
  shard: z.number().int(),
  position: z.number().int().meta({ description: "0 for the shard's first claim" }),
  ticket_number: z.number().int(),
  code_digest: hex("SHA-256 of tombola-ticket-v1:<raffle id>:<ticket number>:<code>"),
  claimed_at: z.string(),
});
export type RegisterExportEntry = z.output<typeof registerEntrySchema>;

/** A ticket as the register export shows it: no code hash, only the public digest. */
export const registerEntryOf = (ticket: TicketRecord): RegisterExportEntry => ({
  shard: ticket.shard,
  position: ticket.position,
  ticket_number: ticket.ticket_number,
  code_digest: ticket.code_digest,
  claimed_at: ticket.claimed_at,
});

/**
 * The audit of a raffle: from creation its commitment and each shard's claim chain; once sold
 * out the register digest and the beacon round it will be drawn with; once drawn the revealed
 * operator seed, the verified round, seed_for_winners and `winners` as stored (null before).
 * `pendingBeacon` is the beacon a draw would use, asked only while none is recorded.
 */
export function auditOf(
  record: RaffleRecord,
  shards: readonly ShardState[],
  pendingBeacon: () => BeaconInfo,
  winners: Winner[] | null,
): Audit {
  const register = completedRegister(record.id, record.total_tickets, shards);
  const drawn = record.status === "drawn";
  return {
    raffle_id: record.id,
    status: drawn ? "drawn" : register ? "sold_out" : "open",
    algorithm: record.algorithm,
    total_tickets: record.total_tickets,
    prizes: record.prizes,
    draw_commitment: record.draw_commitment,
    chains: shards.map((shard) => ({
      shard: shard.shard,
      capacity: shard.end - shard.start,
      tickets_claimed: shard.next - shard.start,
      head: shard.head,
      last_claimed_at: shard.lastClaimedAt,
    })),
    register_digest: record.register_digest ?? register?.registerDigest ?? null,
    sold_out_at: record.sold_out_at ?? register?.soldOutAt ?? null,
    beacon: beaconView(record, register?.soldOutAt, pendingBeacon),
    operator_seed: drawn ? record.operator_seed : null,
    seed_for_winners: drawn ? (record.seed_for_winners ?? null) : null,
    winners: drawn ? winners : null,
  };
}

const roundTime = (schedule: BeaconSchedule, round: number) =>
  new Date(roundTimeMs(schedule, round)).toISOString();

/** The recorded round once the draw has one; before, the beacon and round it will use. */
function beaconView(
  record: RaffleRecord,
  soldOutAt: string | undefined,
  pendingBeacon: () => BeaconInfo,
): Audit["beacon"] {
  const recorded = record.beacon;
  if (recorded) {
    const schedule = { genesisTime: recorded.genesis_time, periodSeconds: recorded.period_seconds };
    return { ...recorded, round_time: roundTime(schedule, recorded.round) };
  }
  const info = pendingBeacon();
  const round = soldOutAt ? beaconRoundFor(info, soldOutAt) : null;
  return {
    ...beaconDescription(info),
    round,
    round_time: round === null ? null : roundTime(info, round),
    signature: null,
    randomness: null,
  };
}
