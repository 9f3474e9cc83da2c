import { workAttributes } from "#platform/outbox/work-item";
import { AUTO_DRAW_KIND, autoDrawWorkId } from "#raffles/core/auto-draw";
import { raffleKeys } from "./keys";

/** The auto-draw work item a claim that fills shard `shard` writes: outbox work, pending. */
export const toAutoDrawItem = (work: { raffleId: string; shard: number; createdAt: string }) => ({
  ...raffleKeys.autoDraw(work.raffleId, work.shard),
  raffle_id: work.raffleId,
  shard: work.shard,
  ...workAttributes({
    kind: AUTO_DRAW_KIND,
    id: autoDrawWorkId(work.raffleId, work.shard),
    createdAt: work.createdAt,
  }),
});
