import type { AnalyticsView } from "#ledger/api/schemas";
import { formatCents } from "#platform/money/cents";
import { averageCents, creditScore, type Wallet } from "./wallet";

/** The analytics of a wallet: all of it kept on the wallet item, none of it read from history. */
export function analyticsOf(wallet: Wallet): AnalyticsView {
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
