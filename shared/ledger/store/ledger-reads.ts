import type { QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { accountItemKey } from "#accounts";
import { ledgerCurrency } from "#ledger/core/currency";
import {
  type TransactionRecord,
  type TransactionRef,
  type TransactionType,
  transactionId,
} from "#ledger/core/transaction";
import type { Wallet } from "#ledger/core/wallet";
import {
  currentNotifications,
  notificationId,
  notificationKeys,
  type TransactionNotificationView,
  transactionNotificationOf,
} from "#notifications";
import { batchGetNamed } from "#platform/db/batches";
import { tableName } from "#platform/db/client";
import { type PageRequest, queryPage } from "#platform/db/query-page";
import { ledgerKeys } from "./keys";
import { fromTransactionItem } from "./transaction-item";
import { fromWalletItem } from "./wallet-item";

/** Which transactions a list holds: one type, created_at in [from, to] (epoch ms). */
export interface TransactionFilter {
  type?: TransactionType | undefined;
  from?: number | undefined;
  to?: number | undefined;
}

/** A transaction with its notification as it stands (null: stored without one). */
export interface NotifiedRecord {
  transaction: TransactionRecord;
  notification: TransactionNotificationView | null;
}

/**
 * Whether the account item exists, and the wallet (empty when it has none; `hasWallet` says
 * which): one BatchGetItem.
 */
export async function readAccountAndWallet(
  accountId: string,
): Promise<{ accountExists: boolean; hasWallet: boolean; wallet: Wallet }> {
  const { account, wallet } = await batchGetNamed({
    account: accountItemKey(accountId),
    wallet: ledgerKeys.wallet(accountId),
  });
  return {
    accountExists: account !== undefined,
    hasWallet: wallet !== undefined,
    wallet: fromWalletItem(accountId, ledgerCurrency, wallet),
  };
}

/**
 * One transaction by the key its id names, with its notification (whose key the id names too):
 * one BatchGetItem; undefined when there is no such transaction.
 */
export async function readNotifiedTransaction(
  accountId: string,
  ref: TransactionRef,
): Promise<NotifiedRecord | undefined> {
  const { transaction, notification } = await batchGetNamed({
    transaction: ledgerKeys.transaction(accountId, ref),
    notification: notificationKeys.notification(notificationId(accountId, transactionId(ref))),
  });
  if (!transaction) return undefined;
  return {
    transaction: fromTransactionItem(transaction),
    notification: notification ? transactionNotificationOf(notification) : null,
  };
}

/** The Query of one page: the base table in statement order, or gsi1 for one type. */
function listQueryInput(accountId: string, filter: TransactionFilter) {
  const { low, high } = ledgerKeys.createdRange(filter.from, filter.to);
  const base = { TableName: tableName, ScanIndexForward: false };
  if (filter.type) {
    const partition = ledgerKeys.typeIndex(accountId, filter.type);
    const input: QueryCommandInput = {
      ...base,
      IndexName: "gsi1",
      KeyConditionExpression: "gsi1pk = :pk AND gsi1sk BETWEEN :low AND :high",
      ExpressionAttributeValues: { ":pk": partition, ":low": low, ":high": high },
    };
    return {
      input,
      cursor: {
        names: ["pk", "sk", "gsi1pk", "gsi1sk"],
        partition: { name: "gsi1pk", value: partition },
      },
    };
  }
  const partition = ledgerKeys.partition(accountId);
  const input: QueryCommandInput = {
    ...base,
    KeyConditionExpression: "pk = :pk AND sk BETWEEN :low AND :high",
    ExpressionAttributeValues: { ":pk": partition, ":low": low, ":high": high },
    ConsistentRead: true,
  };
  return { input, cursor: { names: ["pk", "sk"], partition: { name: "pk", value: partition } } };
}

/**
 * A page of an account's transactions in statement order, newest (highest sequence) first, with
 * the filters served by keys: one Query of limit + 1 items, then one BatchGetItem of the page's
 * notifications as they stand (none for an empty page).
 */
export async function queryNotifiedTransactions(
  accountId: string,
  filter: TransactionFilter,
  page: PageRequest,
): Promise<{ items: NotifiedRecord[]; next_cursor: string | null }> {
  const { input, cursor } = listQueryInput(accountId, filter);
  const found = await queryPage(input, page, cursor, (item) => item);
  const notifications = await currentNotifications(
    found.items as { account_id: string; id: string }[],
  );
  return {
    items: found.items.map((item, i) => ({
      transaction: fromTransactionItem(item),
      notification: notifications[i] ?? null,
    })),
    next_cursor: found.next_cursor,
  };
}
