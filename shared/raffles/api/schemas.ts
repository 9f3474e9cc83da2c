import * as z from "zod";
import { pageOf, pageQuery } from "#platform/http/page";
import { pathId } from "#platform/http/path-id";
import { registerEntrySchema } from "#raffles/core/audit-document";
import {
  MAX_PRIZE_UNITS,
  MAX_TICKETS,
  prizeOutput,
  prizeUnits,
  winnerSchema,
} from "#raffles/core/prizes";
import { parseRaffleId } from "#raffles/core/raffle-id";

const prizeSchema = z.strictObject({
  name: z.string().trim().min(1).max(100),
  quantity: z.number().int().min(1).max(MAX_PRIZE_UNITS),
});

/** `POST /v1/raffles` body: at most 10,000 prize units, and no more than there are tickets. */
export const createRaffleBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100),
    total_tickets: z.number().int().min(1).max(MAX_TICKETS),
    prizes: z.array(prizeSchema).min(1).max(100),
    auto_draw: z
      .boolean()
      .default(false)
      .meta({ description: "Draw by itself once sold out and its beacon round is out" }),
  })
  .superRefine((raffle, context) => {
    const units = prizeUnits(raffle.prizes);
    if (units > MAX_PRIZE_UNITS) {
      context.addIssue({
        code: "custom",
        path: ["prizes"],
        message: `The prize quantities add up to ${units}; at most ${MAX_PRIZE_UNITS} are allowed`,
      });
    }
    // Zod still runs this when total_tickets itself failed: say nothing more about it then.
    const ticketsValid = Number.isInteger(raffle.total_tickets) && raffle.total_tickets >= 1;
    if (ticketsValid && units > raffle.total_tickets) {
      context.addIssue({
        code: "custom",
        path: ["prizes"],
        message: `The prize quantities add up to ${units}, more than the ${raffle.total_tickets} tickets`,
      });
    }
  });
export type CreateRaffleInput = z.output<typeof createRaffleBody>;

/** A raffle id in the path: one that cannot be a raffle id is 404 `raffle_not_found`, unread. */
const raffleId = pathId("raffle", "r_3f2a9c0e5b7d4e6f8a1b2c3d4e5f6a7b", parseRaffleId);

export const raffleParams = z.strictObject({ id: raffleId });

/** A ticket number: a plain decimal 1..100,000,000 (no sign, exponent or leading zeros). */
export const ticketNumberText = z
  .string()
  .regex(/^[1-9]\d{0,8}$/, "Expected a ticket number: a whole number from 1")
  .describe("A ticket number, 1..total_tickets")
  .transform(Number)
  .pipe(z.number().max(MAX_TICKETS));

export const ticketParams = z.strictObject({ id: raffleId, ticket_number: ticketNumberText });

/**
 * `POST .../verify` body: the code as the player typed it. Any string is taken: one that is not
 * of a code's form is refused like a wrong code (403), not as a schema error.
 */
export const verifyTicketBody = z.strictObject({
  verification_code: z
    .string()
    .describe("The code shown at claim time, e.g. 7KQ2-M9XD-PA4T-0RVB; case and dashes are free"),
});

/** The raffle object of API.md. */
export const raffleSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    total_tickets: z.number().int(),
    tickets_remaining: z.number().int(),
    status: z.enum(["open", "sold_out", "drawn"]),
    prizes: z.array(prizeOutput),
    created_at: z.string(),
    drawn_at: z.string().nullable(),
    auto_draw: z.boolean().meta({
      description: "Whether the raffle draws itself after its sell-out, with no draw call",
    }),
    draw_commitment: z
      .string()
      .meta({ description: "SHA-256 of the secret operator seed, published at creation (hex)" }),
  })
  .meta({ id: "Raffle" });
export type Raffle = z.output<typeof raffleSchema>;

export const rafflePageSchema = pageOf(raffleSchema);

export const claimedTicketSchema = z.object({
  raffle_id: z.string(),
  ticket_number: z.number().int(),
  verification_code: z.string(),
});

export const winnersSchema = z
  .object({
    raffle_id: z.string(),
    winners: z.array(winnerSchema),
  })
  .meta({ id: "Winners" });

export const verificationSchema = z.object({
  ticket_number: z.number().int(),
  status: z.enum(["pending", "won", "lost"]),
  prize: z.string().nullable(),
});

/** A page of the ticket register: one shard's entries in claim order. */
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
