import { expect } from "vitest";
import type { TransactionView } from "#ledger/api/schemas";
import { ledgerKeys } from "#ledger/store/keys";
import { tableName } from "#platform/db/client";
import { queryAll } from "#platform/db/query-page";
import { idempotencyRecordKey } from "#platform/idempotency/record";
import { ledgerApi } from "./ledger-calls";
import { analyticsFromHistory, balancesInPostingOrder } from "./ledger-reference";

/** Every stored transaction of an account, following the list's cursors (newest first). */
export async function storedTransactions(accountId: string): Promise<TransactionView[]> {
  const all: TransactionView[] = [];
  let cursor: string | undefined;
  do {
    const page = await ledgerApi.list(accountId, { limit: "100", ...(cursor ? { cursor } : {}) });
    expect(page.status, JSON.stringify(page.body)).toBe(200);
    all.push(...page.body.items);
    cursor = page.body.next_cursor ?? undefined;
  } while (cursor);
  return all;
}

/** Every item the ledger keeps for an account, and its idempotency records: to prove nothing changed. */
export async function ledgerSnapshot(accountId: string) {
  const partition = (pk: string) =>
    queryAll({
      TableName: tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": pk },
      ConsistentRead: true,
    });
  const scope = ledgerKeys.partition(accountId);
  return {
    ledger: await partition(scope),
    idempotency: await partition(idempotencyRecordKey({ scope, key: "" }).pk),
  };
}

/** Asserts that the wallet's analytics and every balance_after agree with the stored history. */
export async function expectLedgerConsistent(accountId: string) {
  const history = await storedTransactions(accountId);
  for (const { stored, expected, seq } of balancesInPostingOrder(history)) {
    expect(stored, `balance_after of seq ${seq}`).toBe(expected);
  }
  // Posting order numbers 1..n without gaps: a refused posting consumes nothing.
  const seqs = history.map((t) => Number(t.id.split("_")[2])).sort((a, b) => a - b);
  expect(seqs).toEqual(history.map((_, i) => i + 1));
  const analytics = await ledgerApi.analytics(accountId);
  expect(analytics.status).toBe(200);
  expect(analytics.body).toEqual(analyticsFromHistory(accountId, history));
  return { history, analytics: analytics.body };
}
