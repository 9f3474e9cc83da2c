import type { TransactionView } from "#ledger/api/schemas";
import type { TransactionNotificationView } from "#notifications";
import { formatCents } from "#platform/money/cents";
import { ledgerKeys, type TransactionRef, type TransactionType, transactionId } from "./keys";

/** A transaction as posted. */
export interface TransactionRecord {
  accountId: string;
  ref: TransactionRef;
  type: TransactionType;
  amountCents: number;
  currency: string;
  balanceAfterCents: number;
  description: string | null;
  createdAt: string;
}

/** The stored item of a transaction, listed by occurred_at and, through gsi1, by type. */
export function transactionItem(record: TransactionRecord) {
  const keys = ledgerKeys.transaction(record.accountId, record.ref);
  return {
    ...keys,
    gsi1pk: ledgerKeys.typeIndex(record.accountId, record.type),
    gsi1sk: keys.sk,
    type: record.type,
    id: transactionId(record.ref),
    account_id: record.accountId,
    seq: record.ref.seq,
    amount_cents: record.amountCents,
    currency: record.currency,
    balance_after_cents: record.balanceAfterCents,
    description: record.description ?? undefined,
    occurred_at: new Date(record.ref.occurredAtMs).toISOString(),
    created_at: record.createdAt,
  };
}

/** The API view of a stored transaction item, with its notification as it stands. */
export function transactionView(
  item: Record<string, unknown>,
  notification: TransactionNotificationView | null,
): TransactionView {
  return {
    id: item.id as string,
    account_id: item.account_id as string,
    type: item.type as TransactionType,
    amount: formatCents(item.amount_cents as number),
    currency: item.currency as string,
    balance_after: formatCents(item.balance_after_cents as number),
    description: (item.description as string | undefined) ?? null,
    occurred_at: item.occurred_at as string,
    created_at: item.created_at as string,
    notification,
  };
}
