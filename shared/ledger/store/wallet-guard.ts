import type { ClosingCondition } from "#accounts";
import { tableName } from "#platform/db/client";
import { DomainError } from "#platform/errors";
import { ledgerKeys } from "./keys";

const balanceNotZero = () =>
  new DomainError(
    "balance_not_zero",
    "The account's wallet still holds money; post a debit to zero it first",
  );

/**
 * The ledger's condition on closing an account: its wallet holds nothing (or does not exist);
 * otherwise 409 `balance_not_zero`. Postings are conditioned on the account existing, so none
 * can slip in between this check and the deletion.
 */
export function walletMustBeEmpty(accountId: string): ClosingCondition {
  return {
    check: {
      ConditionCheck: {
        TableName: tableName,
        Key: ledgerKeys.wallet(accountId),
        ConditionExpression: "attribute_not_exists(pk) OR balance_cents = :zero",
        ExpressionAttributeValues: { ":zero": 0 },
      },
    },
    refusal: balanceNotZero,
  };
}
