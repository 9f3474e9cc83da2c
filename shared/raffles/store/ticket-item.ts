import type { TicketRecord } from "#raffles/core/claim";
import { raffleKeys } from "./keys";

/** The ticket item: its record under its key and at its place in the register export (gsi1). */
export const toTicketItem = (ticket: TicketRecord) => ({
  ...raffleKeys.ticket(ticket.raffle_id, ticket.ticket_number),
  ...raffleKeys.registerEntry(ticket.raffle_id, ticket.shard, ticket.position),
  ...ticket,
});

/** The ticket record of a stored ticket item. */
export const fromTicketItem = (item: Record<string, unknown>): TicketRecord => ({
  raffle_id: item.raffle_id as string,
  ticket_number: item.ticket_number as number,
  code_hash: item.code_hash as string,
  code_digest: item.code_digest as string,
  claimed_at: item.claimed_at as string,
  shard: item.shard as number,
  position: item.position as number,
});
