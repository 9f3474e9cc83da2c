import type { EventView } from "#monitoring/api/schemas";
import { eventViewOf } from "#monitoring/api/views";
import type { RecordRef } from "#monitoring/core/record-ids";
import { readEvent, readUserEvents } from "#monitoring/store/events";
import type { PageRequest } from "#platform/db/query-page";

/** One event by the user and sequence its id names; 404 `event_not_found` when none. */
export const getEvent = async (ref: RecordRef): Promise<EventView> =>
  eventViewOf(await readEvent(ref));

/** A page of a user's events, oldest first (in commit order). */
export async function listUserEvents(
  userId: number,
  page: PageRequest,
): Promise<{ items: EventView[]; next_cursor: string | null }> {
  const { items, next_cursor } = await readUserEvents(userId, page);
  return { items: items.map(eventViewOf), next_cursor };
}
