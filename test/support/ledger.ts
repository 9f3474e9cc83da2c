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

/**
 * Asserts that the account's list is a statement: newest first, sequence n, n − 1, … 1 with no
 * gap, each balance_after the previous one ± its amount (from 0.00), created_at never
 * decreasing along the sequence; and that the wallet's analytics agree with that history.
 */
export async function expectLedgerConsistent(accountId: string) {
  const history = await storedTransactions(accountId);
  expect(
    history.map((t) => t.sequence),
    "sequences, newest first",
  ).toEqual(history.map((_, i) => history.length - i));
  for (const { stored, expected, seq } of balancesInPostingOrder(history)) {
    expect(stored, `balance_after of sequence ${seq}`).toBe(expected);
  }
  const oldestFirst = [...history].reverse();
  for (const [i, t] of oldestFirst.entries()) {
    const previous = oldestFirst[i - 1];
    if (previous)
      expect(t.created_at >= previous.created_at, `created_at of ${t.sequence}`).toBe(true);
  }
  const analytics = await ledgerApi.analytics(accountId);
  expect(analytics.status).toBe(200);
  expect(analytics.body).toEqual(analyticsFromHistory(accountId, history));
  return { history, analytics: analytics.body };
}
