import type { PageRequest } from "#platform/db/query-page";
import { type RaffleView, raffleView } from "#raffles/core/raffle-record";
import { queryRafflePage, readRaffleWithRemaining, remainingOf } from "#raffles/store/raffle-store";

/** One raffle with its live `tickets_remaining`, or 404. */
export async function readRaffle(id: string): Promise<RaffleView> {
  const { record, remaining } = await readRaffleWithRemaining(id);
  return raffleView(record, remaining);
}

/** A page of raffles, newest first, each with its live `tickets_remaining`. */
export async function listRaffles(request: PageRequest) {
  const page = await queryRafflePage(request);
  const remaining = await remainingOf(page.items);
  return {
    items: page.items.map((record) => raffleView(record, remaining.get(record.id) ?? 0)),
    next_cursor: page.next_cursor,
  };
}
