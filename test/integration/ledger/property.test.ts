import { describe, expect, it } from "vitest";
import { expectLedgerConsistent } from "../../support/ledger";
import { ledgerApi, newLedgerAccount } from "../../support/ledger-calls";
import { seededRandom } from "../../support/monitoring-reference";

const DAY_MS = 24 * 60 * 60 * 1000;
const START = Date.UTC(2026, 0, 1);

describe("the wallet's running aggregates, against a naive recomputation", () => {
  it.each([1, 2, 3, 4])(
    "agree after a random sequence of credits and debits, refused ones included (seed %i)",
    async (seed) => {
      const random = seededRandom(seed);
      const account = await newLedgerAccount();
      const outcomes: Record<string, number> = {};
      for (let i = 0; i < 40; i++) {
        // Few days, so that ties for the busiest day are common; times in any order.
        const occurredAt = START + random.int(0, 4) * DAY_MS + random.int(0, DAY_MS - 1);
        const amount = `${random.int(0, random.next() < 0.3 ? 300 : 60)}.${String(random.int(0, 99)).padStart(2, "0")}`;
        const response = await ledgerApi.post(account, {
          type: random.next() < 0.5 ? "credit" : "debit",
          amount: amount === "0.00" ? "0.01" : amount,
          ...(random.next() < 0.9 ? { occurred_at: new Date(occurredAt).toISOString() } : {}),
        });
        const outcome = response.status === 201 ? "posted" : response.body.code;
        outcomes[outcome] = (outcomes[outcome] ?? 0) + 1;
      }
      expect(Object.keys(outcomes).sort()).toEqual(["insufficient_funds", "posted"]);
      const { history, analytics } = await expectLedgerConsistent(account);
      expect(history).toHaveLength(outcomes.posted ?? 0);
      expect(analytics.transaction_count).toBe(outcomes.posted);
    },
  );

  it("breaks a busiest-day tie in favour of the earliest day, whichever was posted first", async () => {
    const account = await newLedgerAccount();
    const at = (day: number, hour: number) => new Date(Date.UTC(2026, 4, day, hour)).toISOString();
    for (const occurred_at of [at(9, 1), at(9, 2), at(3, 1), at(3, 2), at(5, 1)]) {
      await ledgerApi.post(account, { type: "credit", amount: "1.00", occurred_at });
    }
    const { analytics } = await expectLedgerConsistent(account);
    expect(analytics.busiest_day).toEqual({ date: "2026-05-03", transaction_count: 2 });
    await ledgerApi.post(account, { type: "credit", amount: "1.00", occurred_at: at(9, 3) });
    expect((await ledgerApi.analytics(account)).body.busiest_day).toEqual({
      date: "2026-05-09",
      transaction_count: 3,
    });
  });

  it.each([
    [["19.99"], "19.99", 1],
    [["20.00"], "20.00", 1],
    [["39.99"], "39.99", 1],
    [["40.00"], "40.00", 2],
    [["59.99"], "59.99", 2],
    [["100.00"], "100.00", 5],
    [["250.00"], "250.00", 5],
    // (0.01 + 0.02) / 2 = 0.015 rounds half up to 0.02.
    [["0.01", "0.02"], "0.02", 1],
    // (39.99 + 40.00) / 2 = 39.995 → 40.00: the score is taken from the average as reported.
    [["39.99", "40.00"], "40.00", 2],
    [["10.00", "10.00", "10.01"], "10.00", 1],
  ])("credits %j: average %s, credit score %i", async (amounts, average, score) => {
    const account = await newLedgerAccount();
    for (const amount of amounts) await ledgerApi.post(account, { type: "credit", amount });
    const { analytics } = await expectLedgerConsistent(account);
    expect(analytics.average_transaction_value).toBe(average);
    expect(analytics.credit_score).toBe(score);
  });

  it("counts debits in the average too: amounts, never balances", async () => {
    const account = await newLedgerAccount();
    await ledgerApi.post(account, { type: "credit", amount: "150.00" });
    await ledgerApi.post(account, { type: "debit", amount: "37.50" });
    const { analytics } = await expectLedgerConsistent(account);
    expect(analytics).toMatchObject({
      balance: "112.50",
      total_credited: "150.00",
      total_debited: "37.50",
      average_transaction_value: "93.75",
      credit_score: 4,
    });
  });

  it("reports an account without transactions as zeros and nulls", async () => {
    const account = await newLedgerAccount();
    expect((await ledgerApi.analytics(account)).body).toEqual({
      account_id: account,
      currency: "USD",
      balance: "0.00",
      transaction_count: 0,
      credit_count: 0,
      debit_count: 0,
      total_credited: "0.00",
      total_debited: "0.00",
      average_transaction_value: "0.00",
      busiest_day: null,
      credit_score: null,
    });
  });
});
