import * as z from "zod";

/** The most tickets a raffle may have. */
export const MAX_TICKETS = 100_000_000;
/** The most prize units a raffle may give (the draw writes one winner item per unit). */
export const MAX_PRIZE_UNITS = 10_000;

/** A prize as stored and returned: its name and how many units of it there are. */
export const prizeOutput = z.object({ name: z.string(), quantity: z.number().int() });
export type Prize = z.output<typeof prizeOutput>;

/** One prize unit given to one ticket. */
export const winnerSchema = z.object({ prize: z.string(), ticket_number: z.number().int() });
export type Winner = z.output<typeof winnerSchema>;

/** How many prize units the prizes hold in all. */
export const prizeUnits = (prizes: readonly Prize[]) =>
  prizes.reduce((sum, prize) => sum + prize.quantity, 0);

/** Winners in ticket-number order, as the API lists them. */
export const byTicketNumber = (winners: readonly Winner[]) =>
  [...winners].sort((a, b) => a.ticket_number - b.ticket_number);
