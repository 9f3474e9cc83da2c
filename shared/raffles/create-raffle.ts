import { randomBytes } from "node:crypto";
import { nowIso } from "#platform/clock";
import { type IdempotentResult, once } from "#platform/idempotency/once";
import type { CreateRaffleInput } from "#raffles/api/schemas";
import { newOperatorSeed } from "#raffles/core/draw-algorithm";
import { newRaffleId } from "#raffles/core/raffle-id";
import { newRaffleRecord, type RaffleView, raffleView } from "#raffles/core/raffle-record";
import { RAFFLES_IDEMPOTENCY_SCOPE } from "#raffles/store/keys";
import { putRaffle } from "#raffles/store/raffle-store";

/**
 * Creates a raffle: one item whatever the number of tickets (no ticket or shard item yet). Its
 * operator seed is drawn now and only its commitment is ever shown before the draw. With an
 * `Idempotency-Key`, at most once per key: the key's record joins the raffle's write.
 */
export function createRaffle(
  input: CreateRaffleInput,
  idempotencyKey?: string,
): Promise<IdempotentResult<RaffleView>> {
  const request = {
    scope: RAFFLES_IDEMPOTENCY_SCOPE,
    key: idempotencyKey,
    operation: "raffles.create_raffle",
    input,
  };
  return once(request, async (records) => {
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
    const body = raffleView(record, record.total_tickets);
    const response = { status: 201, headers: { location: `/v1/raffles/${record.id}` }, body };
    await putRaffle(record, records(response));
    return response;
  });
}
