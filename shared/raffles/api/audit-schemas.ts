import * as z from "zod";
import { pageOf, pageQuery } from "#platform/http/page";
import { prizeOutput, ticketNumberText, winnerSchema } from "./schemas";

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
const registerEntrySchema = z.object({
  shard: z.number().int(),
  position: z.number().int().meta({ description: "0 for the shard's first claim" }),
  ticket_number: z.number().int(),
  code_digest: hex("SHA-256 of tombola-ticket-v1:<raffle id>:<ticket number>:<code>"),
  claimed_at: z.string(),
});
export type RegisterExportEntry = z.output<typeof registerEntrySchema>;

export const registerPageSchema = pageOf(registerEntrySchema);

/** `GET .../audit/tickets`: a page of one shard; `shard` keeps to one, `ticket_number` finds one. */
export const registerQuery = pageQuery.extend({
  shard: z
    .string()
    .regex(/^(0|[1-9]\d{0,2})$/, "Expected a shard number")
    .transform(Number)
    .optional(),
  ticket_number: ticketNumberText.optional(),
});
