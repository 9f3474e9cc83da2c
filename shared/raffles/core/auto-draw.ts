// Raffles that draw themselves (`auto_draw`), pure: the outbox work a filled shard leaves, and
// what a run of that work records. auto-draw.ts runs it; store/auto-draw-item.ts writes it.
import { DomainError } from "#platform/errors";

/** The outbox kind of a raffle's auto-draw work (one stream function consumes it). */
export const AUTO_DRAW_KIND = "auto-draw";

/** The work's id: one piece of work per shard of the raffle, written by the claim that filled it. */
export const autoDrawWorkId = (raffleId: string, shard: number) => `${raffleId}.${shard}`;

/** What a run of auto-draw work records as its final status. */
export type AutoDrawStatus = "drawn" | "not_sold_out";

/**
 * How a run ended when the draw refused: `tickets_remaining` means other shards were still
 * filling when this one's work ran, so the claim that fills the last of them has written the
 * work that draws (`not_sold_out`, done); `already_drawn` is a drawn raffle (`drawn`). Anything
 * else (the beacon out of reach, the store failing) is no outcome: undefined, try again.
 */
export function autoDrawRefusal(error: unknown): AutoDrawStatus | undefined {
  if (!(error instanceof DomainError)) return undefined;
  if (error.code === "tickets_remaining") return "not_sold_out";
  if (error.code === "already_drawn") return "drawn";
  return undefined;
}
