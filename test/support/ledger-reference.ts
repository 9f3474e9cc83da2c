import type { AnalyticsView, TransactionView } from "#ledger/api/schemas";

const cents = (text: string) => BigInt(text.replace(".", ""));
const text = (value: bigint) => {
  const sign = value < 0n ? "-" : "";
  const magnitude = value < 0n ? -value : value;
  return `${sign}${magnitude / 100n}.${(magnitude % 100n).toString().padStart(2, "0")}`;
};

/**
 * Analytics recomputed naively from an account's stored transactions, as literally as API.md
 * states them: the yardstick the wallet's running aggregates are checked against.
 */
export function analyticsFromHistory(
  accountId: string,
  history: readonly TransactionView[],
  currency = "USD",
): AnalyticsView {
  const credits = history.filter((t) => t.type === "credit");
  const debits = history.filter((t) => t.type === "debit");
  const sum = (list: readonly TransactionView[]) => list.reduce((s, t) => s + cents(t.amount), 0n);
  const n = BigInt(history.length);
  const total = sum(history);
  // Half up: the remainder is at least half the divisor.
  const average = n === 0n ? 0n : total / n + (2n * (total % n) >= n ? 1n : 0n);
  const perDay = new Map<string, number>();
  for (const t of history) {
    const day = t.occurred_at.slice(0, 10);
    perDay.set(day, (perDay.get(day) ?? 0) + 1);
  }
  const days = [...perDay.entries()].sort(([a], [b]) => (a < b ? -1 : 1));
  const most = Math.max(0, ...days.map(([, count]) => count));
  const busiest = days.find(([, count]) => count === most);
  return {
    account_id: accountId,
    currency,
    balance: text(sum(credits) - sum(debits)),
    transaction_count: history.length,
    credit_count: credits.length,
    debit_count: debits.length,
    total_credited: text(sum(credits)),
    total_debited: text(sum(debits)),
    average_transaction_value: text(average),
    busiest_day: busiest ? { date: busiest[0], transaction_count: busiest[1] } : null,
    credit_score:
      history.length === 0
        ? null
        : Math.min(5, Math.max(1, Math.floor((Number(average) / 100) * 0.05))),
  };
}

/**
 * The balances the transactions must show, replayed in statement order (their sequence): each
 * `balance_after` is the previous one plus or minus its amount, never below zero.
 */
export function balancesInPostingOrder(history: readonly TransactionView[]) {
  const ordered = [...history].sort((a, b) => a.sequence - b.sequence);
  let balance = 0n;
  return ordered.map((t) => {
    balance += t.type === "credit" ? cents(t.amount) : -cents(t.amount);
    if (balance < 0n) throw new Error(`balance below zero after ${t.id}`);
    return { id: t.id, seq: t.sequence, expected: text(balance), stored: t.balance_after };
  });
}
