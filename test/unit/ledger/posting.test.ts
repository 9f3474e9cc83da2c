import { describe, expect, it } from "vitest";
import { nextCreatedAtMs, planPosting } from "#ledger/core/posting";
import {
  MS_WIDTH,
  parseTransactionId,
  SEQ_WIDTH,
  transactionId,
  transactionLocation,
} from "#ledger/core/transaction";
import { emptyWallet, MAX_BALANCE_CENTS, type Wallet } from "#ledger/core/wallet";
import { sortableNumber } from "#platform/db/keys";

const DAY = Date.UTC(2026, 10, 30, 9);
const NOW = Date.UTC(2026, 10, 30, 12);
const request = (type: "credit" | "debit", amountCents: number, occurredAtMs = DAY) => ({
  type,
  amountCents,
  description: null,
  occurredAtMs,
});

describe("planning a posting (pure)", () => {
  it("records the transaction with the wallet's count after it as sequence and the balance after it", () => {
    const wallet: Wallet = {
      ...emptyWallet("a_1", "EUR"),
      transactionCount: 6,
      balanceCents: 10_000,
    };
    const plan = planPosting(
      "a_1",
      { ...request("credit", 1_250), description: "Prize" },
      { wallet, dayCount: 2 },
      NOW,
    );
    if (typeof plan === "string") throw new Error(plan);
    expect(plan.date).toBe("2026-11-30");
    expect(plan.before).toEqual({ wallet, dayCount: 2 });
    expect(plan.after.dayCount).toBe(3);
    expect(plan.after.wallet).toMatchObject({
      transactionCount: 7,
      lastCreatedAtMs: NOW,
      balanceCents: 11_250,
      creditCount: 1,
    });
    expect(plan.transaction).toEqual({
      accountId: "a_1",
      ref: { createdAtMs: NOW, sequence: 7 },
      type: "credit",
      amountCents: 1_250,
      currency: "EUR",
      balanceAfterCents: 11_250,
      description: "Prize",
      occurredAtMs: DAY,
    });
  });

  it("never creates a transaction before the wallet's latest: a clock behind it is overruled", () => {
    const wallet: Wallet = {
      ...emptyWallet("a_1", "USD"),
      transactionCount: 3,
      lastCreatedAtMs: NOW,
    };
    expect(nextCreatedAtMs(wallet, NOW - 250)).toBe(NOW);
    expect(nextCreatedAtMs(wallet, NOW + 1)).toBe(NOW + 1);
    const plan = planPosting("a_1", request("credit", 1), { wallet, dayCount: 0 }, NOW - 250);
    if (typeof plan === "string") throw new Error(plan);
    expect(plan.transaction.ref).toEqual({ createdAtMs: NOW, sequence: 4 });
    expect(plan.after.wallet.lastCreatedAtMs).toBe(NOW);
  });

  it("takes the day of occurred_at (UTC), not of now, for the day count", () => {
    const occurred = Date.UTC(2026, 0, 1, 23, 59, 59, 999);
    const plan = planPosting(
      "a_1",
      request("credit", 1, occurred),
      { wallet: emptyWallet("a_1", "USD"), dayCount: 0 },
      NOW,
    );
    if (typeof plan === "string") throw new Error(plan);
    expect(plan.date).toBe("2026-01-01");
    expect(plan.after.wallet.busiestDay).toEqual({ date: "2026-01-01", count: 1 });
  });

  it("refuses a debit beyond the balance and a credit beyond the limit; the limit itself is fine", () => {
    const before = { wallet: { ...emptyWallet("a_1", "USD"), balanceCents: 500 }, dayCount: 0 };
    expect(planPosting("a_1", request("debit", 501), before, NOW)).toBe("insufficient_funds");
    expect(typeof planPosting("a_1", request("debit", 500), before, NOW)).toBe("object");
    const near = { ...before, wallet: { ...before.wallet, balanceCents: MAX_BALANCE_CENTS - 1 } };
    expect(planPosting("a_1", request("credit", 2), near, NOW)).toBe("balance_limit_exceeded");
    expect(typeof planPosting("a_1", request("credit", 1), near, NOW)).toBe("object");
  });
});

describe("transaction ids", () => {
  it("name the key: created ms and sequence, fixed width, as the sort key writes them", () => {
    const ref = { createdAtMs: DAY, sequence: 7 };
    expect(transactionId(ref)).toBe(
      `tx_${sortableNumber(DAY, MS_WIDTH)}_${sortableNumber(7, SEQ_WIDTH)}`,
    );
    expect(transactionId(ref)).toBe("tx_1796029200000_000000000007");
    expect(parseTransactionId(transactionId(ref))).toEqual(ref);
    expect(transactionLocation("a_1", ref)).toBe(
      "/v1/accounts/a_1/transactions/tx_1796029200000_000000000007",
    );
  });

  it("name nothing when malformed or with sequence 0", () => {
    for (const id of ["tx_1796029200000_000000000000", "tx_179602920000_000000000007", "x", ""]) {
      expect(parseTransactionId(id)).toBeUndefined();
    }
  });
});
