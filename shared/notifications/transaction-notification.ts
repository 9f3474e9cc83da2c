import type { TransactionNotificationView } from "#notifications/api/schemas";
import { batchGetAll } from "#platform/db/batches";
import { tableName } from "#platform/db/client";
import { key } from "#platform/db/keys";
import type { TransactItem } from "#platform/db/transactions";
import { workAttributes } from "#platform/outbox/work-item";
import { notificationId, notificationKeys, SMS_KIND } from "./keys";
import {
  decideDelivery,
  type Recipient,
  renderTransactionSms,
  type TransactionMessage,
} from "./message";
import { transactionNotificationOf } from "./views";

/** A posted transaction, as its notification needs it. */
export interface NotifiedTransaction extends Omit<TransactionMessage, "name"> {
  accountId: string;
  transactionId: string;
  /** ISO time of the posting: the notification's creation time. */
  createdAt: string;
}

/** The account the transaction belongs to, as the posting read it. */
export interface NotifiedAccount extends Recipient {
  name: string;
}

/** The stored notification item of a transaction: pending, or already skipped with its reason. */
export function notificationItem(account: NotifiedAccount, transaction: NotifiedTransaction) {
  const id = notificationId(transaction.accountId, transaction.transactionId);
  const delivery = decideDelivery(account);
  return {
    ...notificationKeys.notification(id),
    type: "notification",
    id,
    channel: "sms",
    account_id: transaction.accountId,
    transaction_id: transaction.transactionId,
    ...(delivery.status === "pending" ? { to: delivery.to } : {}),
    text: renderTransactionSms({ ...transaction, name: account.name }),
    ...workAttributes({
      kind: SMS_KIND,
      id,
      createdAt: transaction.createdAt,
      status: delivery.status,
      ...(delivery.status === "skipped" ? { detail: delivery.detail } : {}),
    }),
    gsi2pk: notificationKeys.allShard(id),
    gsi2sk: key(transaction.createdAt, id),
  };
}

/**
 * What a posting adds to its one TransactWriteItems for the SMS of its transaction (the outbox
 * entry: new by construction, so never overwriting), and how the transaction shows it.
 */
export function transactionNotification(
  account: NotifiedAccount,
  transaction: NotifiedTransaction,
): { transactItem: TransactItem; view: TransactionNotificationView } {
  const item = notificationItem(account, transaction);
  return {
    transactItem: {
      Put: { TableName: tableName, Item: item, ConditionExpression: "attribute_not_exists(pk)" },
    },
    view: transactionNotificationOf(item),
  };
}

/**
 * The current notification of each transaction, in order: one BatchGetItem for a page (none
 * for an empty one); null for a transaction stored without one.
 */
export async function currentNotifications(
  transactions: readonly { account_id: string; id: string }[],
): Promise<(TransactionNotificationView | null)[]> {
  if (transactions.length === 0) return [];
  const ids = transactions.map((t) => notificationId(t.account_id, t.id));
  const items = await batchGetAll(ids.map((id) => notificationKeys.notification(id)));
  const byId = new Map(items.map((item) => [item.id as string, item]));
  return ids.map((id) => {
    const item = byId.get(id);
    return item ? transactionNotificationOf(item) : null;
  });
}
