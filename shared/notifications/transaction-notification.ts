import type { TransactionNotificationView } from "#notifications/api/schemas";
import { transactionNotificationViewOf } from "#notifications/api/views";
import { notificationId } from "#notifications/core/notification";
import {
  composeNotification,
  type NotifiedAccount,
  type NotifiedTransaction,
} from "#notifications/core/transaction-sms";
import { fromNotificationItem } from "#notifications/store/notification-item";
import { putNewNotification, readNotificationsById } from "#notifications/store/notifications";
import type { TransactItem } from "#platform/db/transactions";

export type { NotifiedAccount, NotifiedTransaction } from "#notifications/core/transaction-sms";

/**
 * What a posting adds to its one TransactWriteItems for the SMS of its transaction (the outbox
 * entry: new by construction, so never overwriting), and how the transaction shows it.
 */
export function transactionNotification(
  account: NotifiedAccount,
  transaction: NotifiedTransaction,
): { transactItem: TransactItem; view: TransactionNotificationView } {
  const notification = composeNotification(account, transaction);
  return {
    transactItem: putNewNotification(notification),
    view: transactionNotificationViewOf(notification),
  };
}

/**
 * The current notification of each transaction, in order: one BatchGetItem for a page (none
 * for an empty one); null for a transaction stored without one.
 */
export async function currentNotifications(
  transactions: readonly { account_id: string; id: string }[],
): Promise<(TransactionNotificationView | null)[]> {
  const stored = await readNotificationsById(
    transactions.map((t) => notificationId(t.account_id, t.id)),
  );
  return stored.map((notification) =>
    notification ? transactionNotificationViewOf(notification) : null,
  );
}

/** A stored notification item (read beside its transaction) as the transaction shows it. */
export const transactionNotificationOf = (
  item: Record<string, unknown>,
): TransactionNotificationView => transactionNotificationViewOf(fromNotificationItem(item));
