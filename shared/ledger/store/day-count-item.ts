import { ledgerKeys } from "./keys";

/** The stored count of an account's transactions that occurred on one UTC day. */
export const toDayCountItem = (accountId: string, date: string, transactionCount: number) => ({
  ...ledgerKeys.day(accountId, date),
  type: "ledger_day",
  account_id: accountId,
  date,
  transaction_count: transactionCount,
});

/** The count held by a stored day-count item; 0 when the day has none yet. */
export const fromDayCountItem = (item: Record<string, unknown> | undefined): number =>
  Number(item?.transaction_count ?? 0);
