import { describe, expect, it } from "vitest";
import { walletMustBeEmpty } from "#ledger/store/wallet-guard";
import { tableName } from "#platform/db/client";
import { DomainError } from "#platform/errors";

describe("the ledger's condition on closing an account", () => {
  it("checks, in the deletion's transaction, that the wallet is absent or holds nothing", () => {
    expect(walletMustBeEmpty("a_1").check).toEqual({
      ConditionCheck: {
        TableName: tableName,
        Key: { pk: "LEDGER#a_1", sk: "WALLET" },
        ConditionExpression: "attribute_not_exists(pk) OR balance_cents = :zero",
        ExpressionAttributeValues: { ":zero": 0 },
      },
    });
  });

  it("refuses with balance_not_zero when it fails", () => {
    const refusal = walletMustBeEmpty("a_1").refusal();
    expect(refusal).toBeInstanceOf(DomainError);
    expect((refusal as DomainError).code).toBe("balance_not_zero");
  });
});
