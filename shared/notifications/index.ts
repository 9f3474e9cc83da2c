/**
 * The notifications domain's one door: the app, the entry points and the other domains use it through
 * `#notifications` and nothing deeper.
 */
export { notificationMetrics } from "#notifications/api/metrics";
export {
  getNotificationRoute,
  listNotificationsRoute,
  notificationsRoutes,
  retryNotificationRoute,
} from "#notifications/api/routes";
// For the ledger: a transaction shows its notification, and its reads fetch the notification's
// item in the same BatchGetItem as the transaction (the notification's id names the transaction).
export {
  type TransactionNotificationView,
  transactionNotificationView,
} from "#notifications/api/schemas";
export { notificationId, SMS_KIND } from "#notifications/core/notification";
export {
  getNotification,
  listNotifications,
  retryNotification,
} from "#notifications/manage-notifications";
export { notificationFailedWrites } from "#notifications/notification-failed";
export { sendSmsFunction, smsWork } from "#notifications/send-sms";
export { notificationKeys } from "#notifications/store/keys";
export {
  currentNotifications,
  type NotifiedAccount,
  type NotifiedTransaction,
  transactionNotification,
  transactionNotificationOf,
} from "#notifications/transaction-notification";
