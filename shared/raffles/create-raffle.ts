import { randomBytes } from "node:crypto";
import { nowIso } from "#platform/clock";
import type { CreateRaffleInput } from "#raffles/api/schemas";
import { newOperatorSeed } from "#raffles/core/draw-algorithm";
import { newRaffleId } from "#raffles/core/raffle-id";
import { newRaffleRecord, type RaffleView, raffleView } from "#raffles/core/raffle-record";
import { putRaffle } from "#raffles/store/raffle-store";

/**
 * Creates a raffle: one item whatever the number of tickets (no ticket or shard item yet). Its
 * operator seed is drawn now and only its commitment is ever shown before the draw.
 */
export async function createRaffle(input: CreateRaffleInput): Promise<RaffleView> {
  const record = newRaffleRecord({
    id: newRaffleId(),
    name: input.name,
    totalTickets: input.total_tickets,
    prizes: input.prizes,
    createdAt: nowIso(),
    permutationKey: randomBytes(32).toString("hex"),
    operatorSeed: newOperatorSeed(),
    autoDraw: input.auto_draw,
  });
  await putRaffle(record);
  return raffleView(record, record.total_tickets);
}
