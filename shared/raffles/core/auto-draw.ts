// Raffles that draw themselves (`auto_draw`), pure: the outbox work the sell-out leaves, and
// what a run of that work records. auto-draw.ts runs it; store/auto-draw-item.ts writes it.
import { DomainError } from "#platform/errors";

/** The outbox kind of a raffle's auto-draw work (one stream function consumes it). */
export const AUTO_DRAW_KIND = "auto-draw";

/** The work's id: one piece of work per raffle, written by the claim that sold it out. */
export const autoDrawWorkId = (raffleId: string) => raffleId;

/** What a run of auto-draw work records as its final status. */
export type AutoDrawStatus = "drawn" | "not_sold_out";

/**
 * How a run ended when the draw refused: `already_drawn` is a drawn raffle (`drawn`);
 * `tickets_remaining` cannot happen to work only the sell-out writes, and is recorded
 * `not_sold_out` rather than retried for days if it ever did. Anything else (the beacon out of
 * reach, the store failing) is no outcome: undefined, try again.
 */
export function autoDrawRefusal(error: unknown): AutoDrawStatus | undefined {
  if (!(error instanceof DomainError)) return undefined;
  if (error.code === "tickets_remaining") return "not_sold_out";
  if (error.code === "already_drawn") return "drawn";
  return undefined;
}
