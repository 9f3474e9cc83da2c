import { describe, expect, it } from "vitest";
import { toAnalyticsView } from "#ledger/api/views";
import type { TransactionType } from "#ledger/core/transaction";
import {
  applyMovement,
  averageCents,
  busiestAfter,
  creditScore,
  emptyWallet,
  MAX_BALANCE_CENTS,
  type Wallet,
} from "#ledger/core/wallet";
import { analyticsFromHistory } from "../../support/ledger-reference";
import { seededRandom } from "../../support/monitoring-reference";

const text = (cents: number) =>
  `${Math.floor(cents / 100)}.${String(cents % 100).padStart(2, "0")}`;

describe("applying movements to a wallet", () => {
  it("refuses a debit below zero and a credit above the limit, changing nothing", () => {
    const wallet = emptyWallet("a", "USD");
    expect(applyMovement(wallet, 0, { type: "debit", amountCents: 1, date: "2026-01-01" })).toBe(
      "insufficient_funds",
    );
    const full = { ...wallet, balanceCents: MAX_BALANCE_CENTS - 1 };
    expect(applyMovement(full, 0, { type: "credit", amountCents: 2, date: "2026-01-01" })).toBe(
      "balance_limit_exceeded",
    );
    const exact = applyMovement(full, 0, { type: "credit", amountCents: 1, date: "2026-01-01" });
    expect(typeof exact === "object" && exact.wallet.balanceCents).toBe(MAX_BALANCE_CENTS);
  });

  it("keeps totals exact past 2^53 cents", () => {
    let wallet: Wallet = { ...emptyWallet("a", "USD"), totalCreditedCents: 2n ** 60n };
    const applied = applyMovement(wallet, 0, {
      type: "credit",
      amountCents: 1,
      date: "2026-01-01",
    });
    if (typeof applied === "string") throw new Error(applied);
    wallet = applied.wallet;
    expect(wallet.totalCreditedCents).toBe(2n ** 60n + 1n);
  });

  it("agrees with a naive recomputation over thousands of random sequences", () => {
    const random = seededRandom(2026);
    for (let sequence = 0; sequence < 300; sequence++) {
      let wallet = emptyWallet("a", "USD");
      const days = new Map<string, number>();
      const history: { type: TransactionType; amount: string; occurred_at: string }[] = [];
      const length = random.int(0, 30);
      for (let i = 0; i < length; i++) {
        const date = `2026-03-0${random.int(1, 4)}`;
        const type = random.next() < 0.5 ? "credit" : "debit";
        const amountCents = random.int(1, random.next() < 0.2 ? 30_000 : 6_000);
        const applied = applyMovement(wallet, days.get(date) ?? 0, { type, amountCents, date });
        if (typeof applied === "string") continue;
        wallet = applied.wallet;
        days.set(date, applied.dayCount);
        history.push({ type, amount: text(amountCents), occurred_at: `${date}T12:00:00.000Z` });
      }
      const views = history.map((t, i) => ({
        ...t,
        id: `tx_${i}`,
        account_id: "a",
        sequence: i + 1,
        currency: "USD",
        balance_after: "",
        description: null,
        created_at: "",
        notification: null,
      }));
      expect(toAnalyticsView(wallet), `sequence ${sequence}`).toEqual(
        analyticsFromHistory("a", views),
      );
    }
  });
});

describe("the busiest day", () => {
  it("moves to a day that overtakes it, or ties it while earlier", () => {
    const busiest = { date: "2026-05-05", count: 3 };
    expect(busiestAfter(null, "2026-05-09", 1)).toEqual({ date: "2026-05-09", count: 1 });
    expect(busiestAfter(busiest, "2026-05-05", 4)).toEqual({ date: "2026-05-05", count: 4 });
    expect(busiestAfter(busiest, "2026-05-09", 3)).toBe(busiest);
    expect(busiestAfter(busiest, "2026-05-01", 3)).toEqual({ date: "2026-05-01", count: 3 });
    expect(busiestAfter(busiest, "2026-05-09", 4)).toEqual({ date: "2026-05-09", count: 4 });
    expect(busiestAfter(busiest, "2026-05-01", 2)).toBe(busiest);
  });
});

describe("average and credit score", () => {
  it.each([
    [0n, 0, 0n],
    [3n, 2, 2n], // 1.5 cents → 2
    [5n, 4, 1n], // 1.25 → 1
    [7n, 4, 2n], // 1.75 → 2
    [10n, 3, 3n], // 3.33 → 3
    [20n, 3, 7n], // 6.67 → 7
    [2n ** 64n, 2, 2n ** 63n],
  ])("averages %i cents over %i transactions to %i, half up", (total, count, average) => {
    expect(averageCents(total, count)).toBe(average);
  });

  it.each([
    [1n, 1],
    [1999n, 1],
    [2000n, 1],
    [3999n, 1],
    [4000n, 2],
    [5999n, 2],
    [6000n, 3],
    [9999n, 4],
    [10_000n, 5],
    [10n ** 12n, 5],
  ])("scores an average of %i cents as %i", (average, score) => {
    expect(creditScore(average, 1)).toBe(score);
  });

  it("has no score without transactions", () => {
    expect(creditScore(0n, 0)).toBeNull();
  });
});
