import { tableName } from "#platform/db/client";
import type { TransactItem } from "#platform/db/transactions";
import { ledgerKeys } from "./keys";
import { emptyWallet, type Wallet } from "./wallet";

/** The wallet held by a stored wallet item, or the empty wallet when there is none yet. */
export function walletFromItem(
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
    balanceCents: Number(item.balance_cents),
    creditCount: Number(item.credit_count),
    debitCount: Number(item.debit_count),
    totalCreditedCents: BigInt(item.total_credited_cents as string),
    totalDebitedCents: BigInt(item.total_debited_cents as string),
    busiestDay: busiestDate ? { date: busiestDate, count: Number(item.busiest_day_count) } : null,
  };
}

/** The stored item of a wallet. */
export function walletItem(wallet: Wallet, updatedAt: string) {
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
    updated_at: updatedAt,
  };
}

/** The stored count of an account's transactions that occurred on one UTC day. */
export const dayCountItem = (accountId: string, date: string, transactionCount: number) => ({
  ...ledgerKeys.day(accountId, date),
  type: "ledger_day",
  account_id: accountId,
  date,
  transaction_count: transactionCount,
});

/**
 * Puts the wallet after a posting, conditioned on the version it was computed from (a new
 * wallet: on there being none). A lost race hands back the winner's wallet.
 */
export function walletPut(next: Wallet, previousCount: number, updatedAt: string): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: walletItem(next, updatedAt),
      ...(previousCount === 0
        ? { ConditionExpression: "attribute_not_exists(pk)" }
        : {
            ConditionExpression: "transaction_count = :count",
            ExpressionAttributeValues: { ":count": previousCount },
          }),
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    },
  };
}
