// The webhook event items of a test's table, read as the outbox lists them: a Query of every
// status shard of the `webhook_event` kind (no Scan), so a count of events is exact.
import { workInStatuses } from "#platform/outbox/pending-work";
import { EVENT_KIND } from "#webhooks/core/delivery";

/** Every status an event item may have: written pending, fanned out by the stream's function. */
const EVENT_STATUSES = ["pending", "fanned_out", "failed"];

/** The event items of `type` whose data matches `about` (e.g. `{ id }`), in every status. */
export async function webhookEventItems(
  type: string,
  about: (data: Record<string, unknown>) => boolean,
) {
  const items = await workInStatuses(EVENT_KIND, EVENT_STATUSES);
  return items.filter(
    (item) => item.type === type && about((item.data ?? {}) as Record<string, unknown>),
  );
}
