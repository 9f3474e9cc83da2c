import { workAttributes } from "#platform/outbox/work-item";
import { AUTO_DRAW_KIND, autoDrawWorkId } from "#raffles/core/auto-draw";
import { raffleKeys } from "./keys";

/** The auto-draw work item the claim that sells a raffle out writes: outbox work, pending. */
export const toAutoDrawItem = (work: { raffleId: string; createdAt: string }) => ({
  ...raffleKeys.autoDraw(work.raffleId),
  raffle_id: work.raffleId,
  ...workAttributes({
    kind: AUTO_DRAW_KIND,
    id: autoDrawWorkId(work.raffleId),
    createdAt: work.createdAt,
  }),
});
