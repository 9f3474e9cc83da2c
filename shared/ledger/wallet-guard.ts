// Kept apart from the rest of the ledger: the accounts domain imports it for deletion.
import { tableName } from "#platform/db/client";
import type { TransactItem } from "#platform/db/transactions";
import { ledgerKeys } from "./keys";

/** A check, for a transaction, that the account's wallet holds nothing (or does not exist). */
export function walletIsEmpty(accountId: string): TransactItem {
  return {
    ConditionCheck: {
      TableName: tableName,
      Key: ledgerKeys.wallet(accountId),
      ConditionExpression: "attribute_not_exists(pk) OR balance_cents = :zero",
      ExpressionAttributeValues: { ":zero": 0 },
    },
  };
}
