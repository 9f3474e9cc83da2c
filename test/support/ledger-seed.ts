// Gives an account a long history quickly: the domain's own pure posting logic and item
// builders, written with BatchWriteItem. What the handlers would have stored, minus the
// idempotency records (which expire anyway).
import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { ledgerCurrency } from "#ledger/core/currency";
import type { TransactionType } from "#ledger/core/transaction";
import { applyMovement, emptyWallet, utcDate } from "#ledger/core/wallet";
import { toDayCountItem } from "#ledger/store/day-count-item";
import { toTransactionItem } from "#ledger/store/transaction-item";
import { toWalletItem } from "#ledger/store/wallet-item";
import { batchPutAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";

const DAY_MS = 24 * 60 * 60 * 1000;

/**
 * Seeds `count` transactions on an account that has none: alternating credits and debits of
 * small amounts over the `days` days before `endMs`, each committed when it occurred (created_at
 * = occurred_at, in sequence order).
 */
export async function seedLedger(accountId: string, count: number, endMs = Date.now(), days = 365) {
  let wallet = emptyWallet(accountId, ledgerCurrency);
  const dayCounts = new Map<string, number>();
  const items: Record<string, unknown>[] = [];
  for (let i = 0; i < count; i++) {
    const occurredAtMs =
      endMs - days * DAY_MS + Math.floor(((i + 1) * days * DAY_MS) / (count + 1));
    const date = utcDate(occurredAtMs);
    const type: TransactionType = i % 3 === 2 ? "debit" : "credit";
    const amountCents = 100 + (i % 50) * 7;
    const applied = applyMovement(wallet, dayCounts.get(date) ?? 0, { type, amountCents, date });
    if (typeof applied === "string") throw new Error(`seed posting ${i}: ${applied}`);
    // Committed when it occurred, as a history posted live: created_at follows the sequence.
    const createdAtMs = occurredAtMs;
    wallet = { ...applied.wallet, lastCreatedAtMs: createdAtMs };
    dayCounts.set(date, applied.dayCount);
    items.push(
      toTransactionItem({
        accountId,
        ref: { createdAtMs, sequence: wallet.transactionCount },
        type,
        amountCents,
        currency: wallet.currency,
        balanceAfterCents: wallet.balanceCents,
        description: null,
        occurredAtMs,
      }),
    );
  }
  for (const [date, transactionCount] of dayCounts) {
    items.push(toDayCountItem(accountId, date, transactionCount));
  }
  await batchPutAll(items);
  await db.send(new PutCommand({ TableName: tableName, Item: toWalletItem(wallet) }));
  return wallet;
}
