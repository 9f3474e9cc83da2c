import type { Winner } from "#raffles/core/prizes";
import { raffleKeys } from "./keys";

/** The winner item of one prize unit, in its ticket's winner partition. */
export const toWinnerItem = (raffleId: string, winner: Winner, partitions: number) => ({
  ...raffleKeys.winner(raffleId, winner.ticket_number, partitions),
  prize: winner.prize,
  ticket_number: winner.ticket_number,
});

/** The winner of a stored winner item. */
export const fromWinnerItem = (item: Record<string, unknown>): Winner => ({
  prize: item.prize as string,
  ticket_number: item.ticket_number as number,
});
