// Where a draw stands, pure: which calls are refused, when the inputs are still to be recorded,
// and which seed a draw that is under way finishes with. draw-raffle.ts does the reads and writes.
import { DomainError } from "#platform/errors";
import type { RaffleRecord } from "./raffle-record";
import { completedRegister, type ShardState, unclaimed } from "./shards";

/** `already_drawn`: the raffle's winners are final. */
export const alreadyDrawn = () => new DomainError("already_drawn", "This raffle has been drawn");

/**
 * The register a draw of this raffle records its inputs with, when it is open and sold out;
 * undefined when its inputs are recorded already (`drawing`: the draw resumes from them).
 * Refused as `already_drawn` once drawn, `tickets_remaining` while any ticket is unclaimed.
 */
export function registerToDraw(
  record: RaffleRecord,
  shards: readonly ShardState[],
): { registerDigest: string; soldOutAt: string } | undefined {
  if (record.status === "drawn") throw alreadyDrawn();
  if (record.status !== "open") return undefined;
  const remaining = unclaimed(shards);
  if (remaining > 0) {
    throw new DomainError("tickets_remaining", `${remaining} tickets are still unclaimed`);
  }
  const register = completedRegister(record.id, record.total_tickets, shards);
  if (!register) throw new Error(`Raffle ${record.id} is sold out without a register`);
  return register;
}

/**
 * A draw call on a drawn raffle: one that draws itself (`auto_draw`) answers its winners again,
 * from this seed (its manager never drew it and may call at any time); any other raffle is
 * `already_drawn`.
 */
export function seedOfDrawn(record: RaffleRecord): string {
  if (!record.auto_draw) throw alreadyDrawn();
  const seed = record.seed_for_winners;
  if (!seed) throw new Error(`Raffle ${record.id} is drawn without its inputs`);
  return seed;
}

/**
 * The seed the winners of a raffle whose inputs are recorded follow from; `already_drawn` when
 * a concurrent call finished the draw first.
 */
export function seedToDraw(record: RaffleRecord): string {
  if (record.status === "drawn") throw alreadyDrawn();
  const seed = record.seed_for_winners;
  if (!seed) throw new Error(`Raffle ${record.id} is drawing without its inputs`);
  return seed;
}
