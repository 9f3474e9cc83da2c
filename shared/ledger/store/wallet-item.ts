import { emptyWallet, type Wallet } from "#ledger/core/wallet";
import { ledgerKeys } from "./keys";

/** The stored item of a wallet (`updated_at`: the created_at of its latest transaction). */
export function toWalletItem(wallet: Wallet) {
  return {
    ...ledgerKeys.wallet(wallet.accountId),
    type: "wallet",
    account_id: wallet.accountId,
    currency: wallet.currency,
    transaction_count: wallet.transactionCount,
    balance_cents: wallet.balanceCents,
    credit_count: wallet.creditCount,
    debit_count: wallet.debitCount,
    // Text, not a number: totals are unbounded and must stay exact past 2^53.
    total_credited_cents: wallet.totalCreditedCents.toString(),
    total_debited_cents: wallet.totalDebitedCents.toString(),
    busiest_day: wallet.busiestDay?.date,
    busiest_day_count: wallet.busiestDay?.count,
    updated_at: new Date(wallet.lastCreatedAtMs).toISOString(),
  };
}

/** The wallet held by a stored wallet item, or the empty wallet when there is none yet. */
export function fromWalletItem(
  accountId: string,
  currency: string,
  item: Record<string, unknown> | undefined,
): Wallet {
  if (!item) return emptyWallet(accountId, currency);
  const busiestDate = item.busiest_day as string | undefined;
  return {
    accountId,
    currency: item.currency as string,
    transactionCount: Number(item.transaction_count),
    lastCreatedAtMs: Date.parse(item.updated_at as string) || 0,
    balanceCents: Number(item.balance_cents),
    creditCount: Number(item.credit_count),
    debitCount: Number(item.debit_count),
    totalCreditedCents: BigInt(item.total_credited_cents as string),
    totalDebitedCents: BigInt(item.total_debited_cents as string),
    busiestDay: busiestDate ? { date: busiestDate, count: Number(item.busiest_day_count) } : null,
  };
}
