import type { AnalyticsView, TransactionView } from "#ledger/api/schemas";
import { toAnalyticsView, toTransactionView } from "#ledger/api/views";
import type { TransactionRef } from "#ledger/core/transaction";
import {
  type NotifiedRecord,
  queryNotifiedTransactions,
  readAccountAndWallet,
  readNotifiedTransaction,
  type TransactionFilter,
} from "#ledger/store/ledger-reads";
import type { PageRequest } from "#platform/db/query-page";
import { DomainError } from "#platform/errors";

/** An account's ledger as its reader is allowed to see it. */
export interface LedgerReader {
  accountId: string;
  /**
   * Who reads: a manager may read the ledger of a deleted account (it outlives the account);
   * a holder reads their own, and a holder whose account is gone is no longer authenticated.
   */
  as: "manager" | "holder";
}

/** Throws the reader's "nothing here": 404 for a manager, 401 for a holder whose account is gone. */
function noSuchAccount(reader: LedgerReader): never {
  if (reader.as === "holder") {
    throw new DomainError("unauthenticated", "The account of this token no longer exists");
  }
  throw DomainError.notFound("account");
}

/** Whether the account exists, or existed and has a ledger (a wallet outlives its account). */
async function hasLedger(accountId: string) {
  const { accountExists, hasWallet } = await readAccountAndWallet(accountId);
  return accountExists || hasWallet;
}

const view = ({ transaction, notification }: NotifiedRecord) =>
  toTransactionView(transaction, notification);

/** A wallet's analytics: one BatchGetItem of the account and its wallet, whatever the history. */
export async function readAnalytics(reader: LedgerReader): Promise<AnalyticsView> {
  const { accountExists, hasWallet, wallet } = await readAccountAndWallet(reader.accountId);
  if (!accountExists && (reader.as === "holder" || !hasWallet)) noSuchAccount(reader);
  return toAnalyticsView(wallet);
}

/**
 * One transaction by the key its id names, with its notification: one BatchGetItem. Only when
 * it is missing is the account looked at, to tell "no such transaction" from "no such account".
 */
export async function readTransaction(
  reader: LedgerReader,
  ref: TransactionRef,
): Promise<TransactionView> {
  const found = await readNotifiedTransaction(reader.accountId, ref);
  if (found) return view(found);
  if (reader.as === "manager" && !(await hasLedger(reader.accountId))) noSuchAccount(reader);
  throw DomainError.notFound("transaction");
}

/**
 * A page of an account's statement, newest (highest sequence) first, with the `type`, and the
 * `from` and `to` (on created_at) filters served by keys: one Query of limit + 1 items. An empty
 * first page of a manager's read also checks that the account exists (or had a ledger).
 */
export async function listTransactions(
  reader: LedgerReader,
  filter: TransactionFilter,
  page: PageRequest,
): Promise<{ items: TransactionView[]; next_cursor: string | null }> {
  const found = await queryNotifiedTransactions(reader.accountId, filter, page);
  const result = { items: found.items.map(view), next_cursor: found.next_cursor };
  if (result.items.length === 0 && !page.cursor && reader.as === "manager") {
    if (!(await hasLedger(reader.accountId))) noSuchAccount(reader);
  }
  return result;
}
