import { DomainError } from "#platform/errors";
import type { OutboxWork } from "#platform/outbox/consumer";
import { outboxStreamFunction } from "#platform/outbox/stream-function";
import { drawRaffleRoute } from "#raffles/api/routes";
import { AUTO_DRAW_KIND, autoDrawRefusal } from "#raffles/core/auto-draw";
import { drawRaffle } from "#raffles/draw-raffle";

/**
 * How long a run holds its auto-draw work: it must outlast one run, which is the draw's wait for
 * its beacon round (at most 15 s) and the draw's writes (about a second for 10,000 winners). A
 * run that dies leaves the work held that long; then the stream's redelivery (or, locally, the
 * restarted runner's backlog) takes it over and finishes the draw from what is recorded.
 * Sell-out to drawn, a run dying in between: ~1 s to the first run, ≤ 30 s of lease, then a
 * draw whose round is out: well within the 60 s of API.md.
 */
export const AUTO_DRAW_LEASE_MS = 30_000;

/** The stream function of auto-draw work: the draw route's grants, on the outbox's settings. */
export const autoDrawFunction = outboxStreamFunction({
  kind: AUTO_DRAW_KIND,
  description:
    "Draws a raffle created with auto_draw once its last ticket is claimed and its beacon round is out",
  function: { handler: "raffles/auto-draw.ts", memoryMiB: 512 },
  tableActions: drawRaffleRoute.function.tableActions,
});

/**
 * The auto-draw work: the draw use case itself, which resumes a draw left half-done and answers
 * a drawn raffle's winners again, so running the work twice, or beside a manager's draw call,
 * draws once. Only the claim that sells the raffle out writes the work (one item per raffle, in
 * that claim's transaction, beside the `raffle.sold_out` event), so the work always finds the
 * raffle sold out.
 */
export function autoDrawWork(): OutboxWork {
  return {
    kind: AUTO_DRAW_KIND,
    async perform(item) {
      try {
        const winners = await drawRaffle(item.raffle_id as string);
        return { status: "drawn", attributes: { winner_count: winners.length } };
      } catch (error) {
        const status = autoDrawRefusal(error);
        if (status) return { status };
        throw error;
      }
    },
    // A raffle that is gone will not come back; the beacon and the store may.
    isRetryable: (error) => !(error instanceof DomainError && error.code === "raffle_not_found"),
  };
}
