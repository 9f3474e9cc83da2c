import type { AnalyticsView, TransactionView } from "#ledger/api/schemas";
import { createdAtOf, type TransactionRecord, transactionId } from "#ledger/core/transaction";
import { averageCents, creditScore, type Wallet } from "#ledger/core/wallet";
import type { TransactionNotificationView } from "#notifications";
import { formatCents } from "#platform/money/cents";

/** A transaction as clients see it, with its notification as it stands. */
export function toTransactionView(
  record: TransactionRecord,
  notification: TransactionNotificationView | null,
): TransactionView {
  return {
    id: transactionId(record.ref),
    account_id: record.accountId,
    sequence: record.ref.sequence,
    type: record.type,
    amount: formatCents(record.amountCents),
    currency: record.currency,
    balance_after: formatCents(record.balanceAfterCents),
    description: record.description ?? null,
    occurred_at: new Date(record.occurredAtMs).toISOString(),
    created_at: createdAtOf(record),
    notification,
  };
}

/** The analytics of a wallet: all of it kept on the wallet item, none of it read from history. */
export function toAnalyticsView(wallet: Wallet): AnalyticsView {
  const count = wallet.transactionCount;
  const average = averageCents(wallet.totalCreditedCents + wallet.totalDebitedCents, count);
  return {
    account_id: wallet.accountId,
    currency: wallet.currency,
    balance: formatCents(wallet.balanceCents),
    transaction_count: count,
    credit_count: wallet.creditCount,
    debit_count: wallet.debitCount,
    total_credited: formatCents(wallet.totalCreditedCents),
    total_debited: formatCents(wallet.totalDebitedCents),
    average_transaction_value: formatCents(average),
    busiest_day: wallet.busiestDay
      ? { date: wallet.busiestDay.date, transaction_count: wallet.busiestDay.count }
      : null,
    credit_score: creditScore(average, count),
  };
}
