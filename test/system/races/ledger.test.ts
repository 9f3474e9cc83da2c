import { randomUUID } from "node:crypto";
import { describe, expect, it, vi } from "vitest";
import { handler as postHandler } from "../../../functions/ledger/post-transaction";
import { invoke } from "../../support/lambda-event";
import { expectLedgerConsistent } from "../../support/ledger";
import { ledgerApi, newLedgerAccount } from "../../support/ledger-calls";
import { expectProblem } from "../../support/problem";
import { untilAvailable } from "../../support/until-available";

// DynamoDB Local commits one transaction at a time: on a busy machine a pile-up on one wallet
// takes a while, and a posting may give up with 503 (nothing stored). Each client then does
// what a real one does, sends the same request with the same Idempotency-Key again, and the
// outcome is counted after that, never timed.
const PILE_UP_TIMEOUT_MS = 300_000;

/** A posting from a client that retries a 503 with the same Idempotency-Key. */
const post = (account: string, body: unknown) => {
  const key = randomUUID();
  return untilAvailable(() => ledgerApi.post(account, body, { key }));
};

describe("concurrent postings", () => {
  it(
    "50 concurrent debits of 10.00 on 100.00: exactly 10 succeed, 40 insufficient_funds, 0.00 left",
    async () => {
      const account = await newLedgerAccount();
      expect((await ledgerApi.post(account, { type: "credit", amount: "100.00" })).status).toBe(
        201,
      );
      const responses = await Promise.all(
        Array.from({ length: 50 }, () => post(account, { type: "debit", amount: "10.00" })),
      );
      const succeeded = responses.filter((r) => r.status === 201);
      const refused = responses.filter((r) => r.status !== 201);
      expect(succeeded).toHaveLength(10);
      expect(refused).toHaveLength(40);
      for (const response of refused) expectProblem(response, 409, "insufficient_funds");
      // Each success saw a distinct balance: 90.00, 80.00, … 0.00 in posting order.
      expect(succeeded.map((r) => r.body.balance_after).sort()).toEqual(
        [
          "0.00",
          "10.00",
          "20.00",
          "30.00",
          "40.00",
          "50.00",
          "60.00",
          "70.00",
          "80.00",
          "90.00",
        ].sort(),
      );
      const { analytics } = await expectLedgerConsistent(account);
      expect(analytics).toMatchObject({ balance: "0.00", transaction_count: 11, debit_count: 10 });
    },
    PILE_UP_TIMEOUT_MS,
  );

  it(
    "keeps mixed concurrent credits and debits on many wallets exact, never answering 500",
    async () => {
      const accounts = await Promise.all(Array.from({ length: 6 }, () => newLedgerAccount()));
      const responses = await Promise.all(
        accounts.flatMap((account, a) =>
          Array.from({ length: 12 }, (_, i) =>
            post(account, {
              type: i % 3 === 0 ? "debit" : "credit",
              amount: `${1 + ((a + i) % 7)}.${String((i * 7) % 100).padStart(2, "0")}`,
              occurred_at: new Date(Date.UTC(2026, 0, 1 + (i % 4), i)).toISOString(),
            }),
          ),
        ),
      );
      for (const response of responses) {
        expect([201, 409], JSON.stringify(response.body)).toContain(response.status);
        if (response.status === 409) expect(response.body.code).toBe("insufficient_funds");
      }
      for (const account of accounts) await expectLedgerConsistent(account);
    },
    PILE_UP_TIMEOUT_MS,
  );

  it(
    "races 60 mixed postings on one wallet, then walks its whole statement: gapless, chained, in commit order",
    async () => {
      const account = await newLedgerAccount();
      expect((await ledgerApi.post(account, { type: "credit", amount: "100.00" })).status).toBe(
        201,
      );
      const responses = await Promise.all(
        Array.from({ length: 60 }, (_, i) =>
          post(account, {
            type: i % 3 === 0 ? "credit" : "debit",
            amount: `${1 + (i % 5)}.${String((i * 13) % 100).padStart(2, "0")}`,
            // Business times in no particular order: the statement follows commits, not them.
            occurred_at: new Date(Date.UTC(2026, 0, 1 + ((i * 7) % 5), i % 24)).toISOString(),
          }),
        ),
      );
      const committed = responses.filter((r) => r.status === 201);
      for (const response of responses) {
        expect([201, 409], JSON.stringify(response.body)).toContain(response.status);
      }
      // Each answer names its place in the statement: 2…n once each (1 is the first credit).
      expect(committed.map((r) => r.body.sequence).sort((a, b) => a - b)).toEqual(
        committed.map((_, i) => i + 2),
      );
      // The walk itself: sequence n…1, each balance_after the previous ± its amount,
      // created_at never decreasing; analytics (by occurred_at) agree with that history.
      const { history, analytics } = await expectLedgerConsistent(account);
      expect(history).toHaveLength(committed.length + 1);
      expect(analytics.transaction_count).toBe(committed.length + 1);
      // What each posting answered is what the statement holds.
      const bySequence = new Map(history.map((t) => [t.sequence, t]));
      for (const response of committed) {
        const { notification: _answered, ...answer } = response.body;
        const { notification: _stored, ...stored } = bySequence.get(response.body.sequence) ?? {};
        expect(stored).toEqual(answer);
      }
    },
    PILE_UP_TIMEOUT_MS,
  );

  it(
    "three processes posting to one wallet at once: real version races, still one gapless chained statement",
    async () => {
      // Each fresh module graph is another process (another Lambda instance): its own lanes,
      // so its postings race the others' on the wallet's version for real.
      const processes = [postHandler];
      for (let i = 0; i < 2; i++) {
        vi.resetModules();
        processes.push(
          (await import("../../../functions/ledger/post-transaction"))
            .handler as typeof postHandler,
        );
      }
      const account = await newLedgerAccount();
      const postVia = (handler: typeof postHandler, body: unknown) => {
        const key = randomUUID();
        return untilAvailable(() =>
          invoke(handler, {
            method: "POST",
            path: `/v1/accounts/${account}/transactions`,
            pathParameters: { account_id: account },
            body,
            sourceIp: "127.0.0.1",
            headers: { "idempotency-key": key },
          }),
        );
      };
      const responses = await Promise.all(
        Array.from({ length: 45 }, (_, i) =>
          postVia(processes[i % 3] as typeof postHandler, {
            type: "credit",
            amount: `${1 + (i % 4)}.25`,
          }),
        ),
      );
      expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
      const { history } = await expectLedgerConsistent(account);
      expect(history).toHaveLength(45);
    },
    PILE_UP_TIMEOUT_MS,
  );
});
