import { afterEach, describe, expect, it } from "vitest";
import { postingRetryBudget } from "#ledger/post-transaction";
import { db } from "#platform/db/client";
import { expectLedgerConsistent, ledgerSnapshot } from "../../support/ledger";
import { ledgerApi, newLedgerAccount } from "../../support/ledger-calls";
import { expectProblem } from "../../support/problem";

// DynamoDB Local never reports transaction conflicts nor times out: inject both where the real
// service's answer would arrive, below the SDK's own retries.
type Fault = "conflict" | "timeout before" | "timeout after";

const conflict = () =>
  Object.assign(new Error("Transaction cancelled"), {
    name: "TransactionCanceledException",
    CancellationReasons: [{ Code: "TransactionConflict" }, { Code: "None" }],
  });
const timeout = () => Object.assign(new Error("Request timed out"), { name: "TimeoutError" });

/** Makes the next `count` TransactWriteItems requests fail as `fault` says; returns how many did. */
function injectIntoTransactions(fault: Fault, count = Number.POSITIVE_INFINITY) {
  let injected = 0;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName !== "TransactWriteItemsCommand" || injected >= count)
        return next(args);
      injected++;
      if (fault === "conflict") throw conflict();
      if (fault === "timeout before") throw timeout();
      await next(args);
      throw timeout();
    },
    { step: "finalizeRequest", name: "injectIntoTransactions", priority: "low" },
  );
  return () => injected;
}

const budget = postingRetryBudget.ms;
afterEach(() => {
  db.middlewareStack.remove("injectIntoTransactions");
  postingRetryBudget.ms = budget;
});

async function fundedAccount() {
  const account = await newLedgerAccount();
  expect((await ledgerApi.post(account, { type: "credit", amount: "50.00" })).status).toBe(201);
  return { account, before: await ledgerSnapshot(account) };
}

describe("a posting whose transaction fails", () => {
  it("retries conflicts beyond the client's own retries, and posts once", async () => {
    const { account } = await fundedAccount();
    const injected = injectIntoTransactions("conflict", 8);
    const response = await ledgerApi.post(account, { type: "debit", amount: "20.00" });
    expect(response.status).toBe(201);
    expect(injected()).toBe(8);
    const { analytics } = await expectLedgerConsistent(account);
    expect(analytics).toMatchObject({ balance: "30.00", transaction_count: 2 });
  });

  it("answers 503 with Retry-After once conflicts outlast its budget, leaving nothing behind", async () => {
    const { account, before } = await fundedAccount();
    postingRetryBudget.ms = 300;
    injectIntoTransactions("conflict");
    const response = await ledgerApi.post(
      account,
      { type: "debit", amount: "20.00" },
      { key: "k1" },
    );
    expectProblem(response, 503, "unavailable");
    expect(Number(response.headers["retry-after"])).toBeGreaterThanOrEqual(1);
    expect(await ledgerSnapshot(account)).toEqual(before);
  });

  it("answers 503 when DynamoDB cannot be reached, leaving nothing behind", async () => {
    const { account, before } = await fundedAccount();
    injectIntoTransactions("timeout before");
    expectProblem(
      await ledgerApi.post(account, { type: "credit", amount: "1.00" }),
      503,
      "unavailable",
    );
    expect(await ledgerSnapshot(account)).toEqual(before);
  });

  it("never posts twice when a committed posting's answer is lost and the client retries its key", async () => {
    const { account } = await fundedAccount();
    const body = { type: "debit", amount: "20.00", description: "Lost answer" };
    injectIntoTransactions("timeout after");
    const lost = await ledgerApi.post(account, body, { key: "retry-me" });
    // The transaction committed, but as far as this request knows it timed out.
    expectProblem(lost, 503, "unavailable");
    db.middlewareStack.remove("injectIntoTransactions");
    const retried = await ledgerApi.post(account, body, { key: "retry-me" });
    expect(retried.status).toBe(201);
    expect(retried.headers["idempotent-replayed"]).toBe("true");
    expect(retried.body.balance_after).toBe("30.00");
    const again = await ledgerApi.post(account, body, { key: "retry-me" });
    expect(again.body).toEqual(retried.body);
    const { analytics } = await expectLedgerConsistent(account);
    expect(analytics).toMatchObject({ balance: "30.00", transaction_count: 2, debit_count: 1 });
  });
});
