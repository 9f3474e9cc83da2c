import type { FilterPattern } from "#platform/function-definitions";
import { FAILED, PENDING } from "./work-item";

/**
 * The stream records that call for work of this kind: an item inserted pending, or moved from
 * failed (or another status in `requeueFrom`) back to pending by a re-queue. Written once: the
 * CDK event source mapping's FilterCriteria and the local stream runner both use these patterns.
 */
export function outboxFilters(
  kind: string,
  requeueFrom: readonly string[] = [FAILED],
): FilterPattern[] {
  const pendingOfKind = { outbox_kind: { S: [kind] }, status: { S: [PENDING] } };
  return [
    { eventName: ["INSERT"], dynamodb: { NewImage: pendingOfKind } },
    {
      eventName: ["MODIFY"],
      dynamodb: { NewImage: pendingOfKind, OldImage: { status: { S: [...requeueFrom] } } },
    },
  ];
}
