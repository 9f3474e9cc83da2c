import {
  createdAtOf,
  type TransactionRecord,
  type TransactionType,
  transactionId,
} from "#ledger/core/transaction";
import { ledgerKeys } from "./keys";

/** The stored item of a transaction, listed in statement order and, through gsi1, by type. */
export function toTransactionItem(record: TransactionRecord) {
  const keys = ledgerKeys.transaction(record.accountId, record.ref);
  return {
    ...keys,
    gsi1pk: ledgerKeys.typeIndex(record.accountId, record.type),
    gsi1sk: keys.sk,
    type: record.type,
    id: transactionId(record.ref),
    account_id: record.accountId,
    sequence: record.ref.sequence,
    amount_cents: record.amountCents,
    currency: record.currency,
    balance_after_cents: record.balanceAfterCents,
    description: record.description ?? undefined,
    occurred_at: new Date(record.occurredAtMs).toISOString(),
    created_at: createdAtOf(record),
  };
}

/** The transaction held by a stored transaction item. */
export function fromTransactionItem(item: Record<string, unknown>): TransactionRecord {
  return {
    accountId: item.account_id as string,
    ref: { createdAtMs: Date.parse(item.created_at as string), sequence: Number(item.sequence) },
    type: item.type as TransactionType,
    amountCents: item.amount_cents as number,
    currency: item.currency as string,
    balanceAfterCents: item.balance_after_cents as number,
    description: (item.description as string | undefined) ?? null,
    occurredAtMs: Date.parse(item.occurred_at as string),
  };
}
