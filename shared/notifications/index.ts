/**
 * The notifications domain's one door: the app, the entry points and the other domains use it through
 * `#notifications` and nothing deeper.
 */
export { notificationMetrics } from "#notifications/api/metrics";
export { notificationsRoutes, sendSmsFunction } from "#notifications/api/routes";
// What the ledger uses: a posting writes its transaction's SMS in its own transaction, and
// reads of transactions show each one's notification as it stands.
export {
  type TransactionNotificationView,
  transactionNotificationView,
} from "#notifications/api/schemas";
export { notificationId, notificationKeys } from "#notifications/keys";
export {
  currentNotifications,
  transactionNotification,
} from "#notifications/transaction-notification";
export { transactionNotificationOf } from "#notifications/views";
