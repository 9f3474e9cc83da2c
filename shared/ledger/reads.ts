import type { QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { accountKeys } from "#accounts/keys";
import type { AnalyticsView, ListQuery, TransactionView } from "#ledger/api/schemas";
import {
  currentNotifications,
  notificationId,
  notificationKeys,
  transactionNotificationOf,
} from "#notifications";
import { batchGetNamed } from "#platform/db/batches";
import { tableName } from "#platform/db/client";
import { type PageRequest, queryPage } from "#platform/db/query-page";
import { DomainError } from "#platform/errors";
import { analyticsOf } from "./analytics";
import { ledgerCurrency } from "./currency";
import { ledgerKeys, type TransactionRef, transactionId } from "./keys";
import { transactionView } from "./transaction-item";
import { walletFromItem } from "./wallet-item";

/** An account's ledger as its reader is allowed to see it. */
export interface LedgerReader {
  accountId: string;
  /**
   * Who reads: a manager may read the ledger of a deleted account (it outlives the account);
   * a holder reads their own, and a holder whose account is gone is no longer authenticated.
   */
  as: "manager" | "holder";
}

/** The account item and the wallet item (either may be absent): one BatchGetItem. */
const accountAndWallet = (accountId: string) =>
  batchGetNamed({ account: accountKeys.account(accountId), wallet: ledgerKeys.wallet(accountId) });

/** Throws the reader's "nothing here": 404 for a manager, 401 for a holder whose account is gone. */
function noSuchAccount(reader: LedgerReader): never {
  if (reader.as === "holder") {
    throw new DomainError("unauthenticated", "The account of this token no longer exists");
  }
  throw DomainError.notFound("account");
}

/** Whether the account exists, or existed and has a ledger (a wallet outlives its account). */
async function hasLedger(accountId: string) {
  const { account, wallet } = await accountAndWallet(accountId);
  return account !== undefined || wallet !== undefined;
}

/** A wallet's analytics: one BatchGetItem of the account and its wallet, whatever the history. */
export async function readAnalytics(reader: LedgerReader): Promise<AnalyticsView> {
  const { account, wallet } = await accountAndWallet(reader.accountId);
  if (!account && (reader.as === "holder" || !wallet)) noSuchAccount(reader);
  return analyticsOf(walletFromItem(reader.accountId, ledgerCurrency, wallet));
}

/**
 * One transaction by the key its id names, with its notification (whose key the id names too):
 * one BatchGetItem. Only when it is missing is the account looked at, to tell "no such
 * transaction" from "no such account".
 */
export async function readTransaction(
  reader: LedgerReader,
  ref: TransactionRef,
): Promise<TransactionView> {
  const { transaction, notification } = await batchGetNamed({
    transaction: ledgerKeys.transaction(reader.accountId, ref),
    notification: notificationKeys.notification(
      notificationId(reader.accountId, transactionId(ref)),
    ),
  });
  if (transaction) {
    return transactionView(
      transaction,
      notification ? transactionNotificationOf(notification) : null,
    );
  }
  if (reader.as === "manager" && !(await hasLedger(reader.accountId))) noSuchAccount(reader);
  throw DomainError.notFound("transaction");
}

/** The Query of one page: the base table by occurred_at, or gsi1 for one type. */
function listQueryInput(accountId: string, query: ListQuery) {
  const { low, high } = ledgerKeys.occurredRange(query.from, query.to);
  const base = { TableName: tableName, ScanIndexForward: false };
  if (query.type) {
    const partition = ledgerKeys.typeIndex(accountId, query.type);
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
 * A page of an account's transactions, newest first by occurred_at (then posting order), with
 * the `type`, `from` and `to` filters served by keys: one Query of limit + 1 items. An empty
 * first page of a manager's read also checks that the account exists (or had a ledger).
 */
export async function listTransactions(
  reader: LedgerReader,
  query: ListQuery,
  page: PageRequest,
): Promise<{ items: TransactionView[]; next_cursor: string | null }> {
  const { input, cursor } = listQueryInput(reader.accountId, query);
  const found = await queryPage(input, page, cursor, (item) => item);
  // The page's notifications as they stand: one BatchGetItem more, whatever the page size.
  const notifications = await currentNotifications(
    found.items as { account_id: string; id: string }[],
  );
  const result = {
    items: found.items.map((item, i) => transactionView(item, notifications[i] ?? null)),
    next_cursor: found.next_cursor,
  };
  if (result.items.length === 0 && !page.cursor && reader.as === "manager") {
    if (!(await hasLedger(reader.accountId))) noSuchAccount(reader);
  }
  return result;
}
