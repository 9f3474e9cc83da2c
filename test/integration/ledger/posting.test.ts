import { PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { emptyWallet, MAX_BALANCE_CENTS } from "#ledger/core/wallet";
import { toWalletItem } from "#ledger/store/wallet-item";
import { db, tableName } from "#platform/db/client";
import { ledgerSnapshot } from "../../support/ledger";
import { ledgerApi, newLedgerAccount } from "../../support/ledger-calls";
import { expectProblem } from "../../support/problem";

describe("POST /v1/accounts/{account_id}/transactions", () => {
  it("posts credits and debits, each with the balance right after it", async () => {
    const account = await newLedgerAccount();
    const credit = await ledgerApi.post(account, {
      type: "credit",
      amount: "112.50",
      description: "Prize payout",
      occurred_at: "2026-01-30T10:00:00+01:00",
    });
    expect(credit.status, JSON.stringify(credit.body)).toBe(201);
    expect(credit.body).toEqual({
      id: expect.stringMatching(/^tx_\d{13}_\d{12}$/),
      account_id: account,
      sequence: 1,
      type: "credit",
      amount: "112.50",
      currency: "USD",
      balance_after: "112.50",
      description: "Prize payout",
      occurred_at: "2026-01-30T09:00:00.000Z",
      created_at: expect.any(String),
      notification: { channel: "sms", status: "skipped", detail: "no_phone" },
    });
    expect(credit.headers.location).toBe(`/v1/accounts/${account}/transactions/${credit.body.id}`);
    expect(credit.headers["idempotent-replayed"]).toBeUndefined();

    const debit = await ledgerApi.post(account, { type: "debit", amount: "100" });
    expect(debit.status).toBe(201);
    expect(debit.body).toMatchObject({
      amount: "100.00",
      sequence: 2,
      balance_after: "12.50",
      description: null,
    });
    expect(debit.body.created_at >= credit.body.created_at).toBe(true);
    expect(Math.abs(Date.parse(debit.body.occurred_at) - Date.now())).toBeLessThan(60_000);

    const read = await ledgerApi.get(account, credit.body.id);
    expect(read.status).toBe(200);
    expect(read.body).toEqual(credit.body);

    const analytics = await ledgerApi.analytics(account);
    expect(analytics.body).toMatchObject({ balance: "12.50", transaction_count: 2 });
  });

  it("refuses a debit beyond the balance with 409 insufficient_funds", async () => {
    const account = await newLedgerAccount();
    await ledgerApi.post(account, { type: "credit", amount: "10.00" });
    expectProblem(
      await ledgerApi.post(account, { type: "debit", amount: "10.01" }),
      409,
      "insufficient_funds",
    );
  });

  it("refuses a credit above 1,000,000,000,000.00 with 409 balance_limit_exceeded; the limit itself is fine", async () => {
    const account = await newLedgerAccount();
    // A wallet 1,000 maximal credits in (one posting moves at most 1,000,000,000.00).
    const nearLimit = {
      ...emptyWallet(account, "USD"),
      transactionCount: 1,
      creditCount: 1,
      balanceCents: MAX_BALANCE_CENTS - 150,
      totalCreditedCents: BigInt(MAX_BALANCE_CENTS - 150),
    };
    await db.send(new PutCommand({ TableName: tableName, Item: toWalletItem(nearLimit) }));
    const before = await ledgerSnapshot(account);
    expectProblem(
      await ledgerApi.post(account, { type: "credit", amount: "1.51" }),
      409,
      "balance_limit_exceeded",
    );
    expect(await ledgerSnapshot(account)).toEqual(before);
    const exact = await ledgerApi.post(account, { type: "credit", amount: "1.50" });
    expect(exact.status).toBe(201);
    expect(exact.body.balance_after).toBe("1000000000000.00");
    expect((await ledgerApi.analytics(account)).body.total_credited).toBe("1000000000000.00");
  });
});
