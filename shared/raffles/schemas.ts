import * as z from "zod";
import { pageOf } from "../http/page";
import { prizeUnits } from "./draw";
import { normaliseVerificationCode } from "./verification-code";

export const MAX_TICKETS = 100_000_000;
export const MAX_PRIZE_UNITS = 10_000;

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

/** A raffle id in the path: any string; one that is not a raffle id is simply not found. */
export const raffleParams = z.strictObject({ id: z.string().min(1) });

/** A ticket number in the path: a plain decimal 1..100,000,000 (no sign, exponent or zeros). */
export const ticketParams = z.strictObject({
  id: z.string().min(1),
  ticket_number: z
    .string()
    .regex(/^[1-9]\d{0,8}$/, "Expected a ticket number: a whole number from 1")
    .describe("A ticket number, 1..total_tickets")
    .transform(Number)
    .pipe(z.number().max(MAX_TICKETS)),
});

/** `POST .../verify` body: the code as the player typed it, in its canonical form. */
export const verifyTicketBody = z.strictObject({
  verification_code: z
    .string()
    .max(64)
    .describe("The code shown at claim time, e.g. 7KQ2-M9XD-PA4T-0RVB; case and dashes are free")
    .transform((code, context) => {
      const canonical = normaliseVerificationCode(code);
      if (canonical === undefined) {
        context.addIssue({
          code: "custom",
          message: "Expected a verification code such as 7KQ2-M9XD-PA4T-0RVB",
        });
        return z.NEVER;
      }
      return canonical;
    }),
});

/** A prize as stored and returned: its name and how many units of it there are. */
export const prizeOutput = z.object({ name: z.string(), quantity: z.number().int() });
export type Prize = z.output<typeof prizeOutput>;

/** The raffle object of API.md. */
export const raffleSchema = z.object({
  id: z.string(),
  name: z.string(),
  total_tickets: z.number().int(),
  tickets_remaining: z.number().int(),
  status: z.enum(["open", "sold_out", "drawn"]),
  prizes: z.array(prizeOutput),
  created_at: z.string(),
  drawn_at: z.string().nullable(),
});
export type Raffle = z.output<typeof raffleSchema>;

export const rafflePageSchema = pageOf(raffleSchema);

export const claimedTicketSchema = z.object({
  raffle_id: z.string(),
  ticket_number: z.number().int(),
  verification_code: z.string(),
});

/** One prize unit given to one ticket. */
const winnerSchema = z.object({ prize: z.string(), ticket_number: z.number().int() });
export type Winner = z.output<typeof winnerSchema>;

export const winnersSchema = z.object({
  raffle_id: z.string(),
  winners: z.array(winnerSchema),
});

export const verificationSchema = z.object({
  ticket_number: z.number().int(),
  status: z.enum(["pending", "won", "lost"]),
  prize: z.string().nullable(),
});
