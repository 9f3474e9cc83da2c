import * as z from "zod";
import { shardCount } from "#platform/sharded-counter";
import { DRAW_ALGORITHM, drawCommitment } from "./draw-algorithm";
import { type Prize, prizeOutput } from "./prizes";
import { RAFFLE_SHARD_PLAN } from "./shards";

/** The beacon round a draw used, as recorded with the draw's other inputs. */
const recordedBeaconSchema = z.object({
  network: z.string(),
  chain_hash: z.string().nullable(),
  public_key: z.string(),
  scheme: z.string(),
  genesis_time: z.number().int(),
  period_seconds: z.number().int(),
  round: z.number().int(),
  signature: z.string(),
  randomness: z.string(),
});
export type RecordedBeacon = z.output<typeof recordedBeaconSchema>;

/** A raffle as stored (the raffle item of store/keys.ts, without its keys). */
export const raffleRecordSchema = z.object({
  id: z.string(),
  name: z.string(),
  total_tickets: z.number().int(),
  prizes: z.array(prizeOutput),
  created_at: z.string(),
  shard_count: z.number().int(),
  permutation_key: z.string(),
  status: z.enum(["open", "drawing", "drawn"]),
  algorithm: z.string(),
  operator_seed: z.string(),
  draw_commitment: z.string(),
  register_digest: z.string().optional(),
  sold_out_at: z.string().optional(),
  beacon: recordedBeaconSchema.optional(),
  seed_for_winners: z.string().optional(),
  drawn_at: z.string().optional(),
  /** Draws itself after the sell-out (absent on raffles created before it existed: false). */
  auto_draw: z.boolean().optional(),
});
export type RaffleRecord = z.output<typeof raffleRecordSchema>;

/** The draw's inputs, recorded together by the write that moves a raffle to `drawing`. */
export type RecordedInputs = Required<
  Pick<RaffleRecord, "register_digest" | "sold_out_at" | "beacon" | "seed_for_winners">
>;

/** What a new raffle is made of: the manager's input and the secrets drawn for it. */
export interface NewRaffle {
  id: string;
  name: string;
  totalTickets: number;
  prizes: Prize[];
  createdAt: string;
  /** The secret key of the slot permutation (hex). */
  permutationKey: string;
  /** The secret operator seed (hex): only its commitment is shown before the draw. */
  operatorSeed: string;
  /** Whether the raffle draws itself after its sell-out. */
  autoDraw: boolean;
}

/** A new raffle's record: open, its shard count fixed by its size, committed to its seed. */
export const newRaffleRecord = (raffle: NewRaffle): RaffleRecord => ({
  id: raffle.id,
  name: raffle.name,
  total_tickets: raffle.totalTickets,
  prizes: raffle.prizes,
  created_at: raffle.createdAt,
  shard_count: shardCount(RAFFLE_SHARD_PLAN, raffle.totalTickets),
  permutation_key: raffle.permutationKey,
  status: "open",
  algorithm: DRAW_ALGORITHM,
  operator_seed: raffle.operatorSeed,
  draw_commitment: drawCommitment(raffle.operatorSeed),
  auto_draw: raffle.autoDraw,
});

/** The API's raffle object (API.md), as the raffle schema of api/ describes it. */
export interface RaffleView {
  id: string;
  name: string;
  total_tickets: number;
  tickets_remaining: number;
  status: "open" | "sold_out" | "drawn";
  prizes: Prize[];
  created_at: string;
  drawn_at: string | null;
  auto_draw: boolean;
  draw_commitment: string;
}

/** The API's raffle object: `sold_out` is derived from the shards, never stored. */
export function raffleView(record: RaffleRecord, ticketsRemaining: number): RaffleView {
  const drawn = record.status === "drawn";
  return {
    id: record.id,
    name: record.name,
    total_tickets: record.total_tickets,
    tickets_remaining: drawn ? 0 : ticketsRemaining,
    status: drawn ? "drawn" : ticketsRemaining === 0 ? "sold_out" : "open",
    prizes: record.prizes,
    created_at: record.created_at,
    drawn_at: record.drawn_at ?? null,
    auto_draw: record.auto_draw ?? false,
    draw_commitment: record.draw_commitment,
  };
}
