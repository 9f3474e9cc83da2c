import type { NotificationView } from "#notifications/api/schemas";
import { notificationViewOf } from "#notifications/api/views";
import type { NotificationStatus } from "#notifications/core/notification";
import {
  readNotification,
  readNotifications,
  requeueNotification,
} from "#notifications/store/notifications";
import type { PageRequest } from "#platform/db/query-page";

/** A page of notifications, newest first: those of one status, or all of them. */
export async function listNotifications(
  page: PageRequest,
  status?: NotificationStatus,
): Promise<{ items: NotificationView[]; next_cursor: string | null }> {
  const { items, next_cursor } = await readNotifications(page, status);
  return { items: items.map(notificationViewOf), next_cursor };
}

/** One notification by id; 404 `notification_not_found` when none. */
export const getNotification = async (id: string): Promise<NotificationView> =>
  notificationViewOf(await readNotification(id));

/** Sends a failed notification again (pending, fresh attempts); 409 `not_failed` otherwise. */
export const retryNotification = async (id: string): Promise<NotificationView> =>
  notificationViewOf(await requeueNotification(id));
