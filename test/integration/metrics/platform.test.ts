import { afterEach, describe, expect, it, vi } from "vitest";
import { db, requestCounter } from "#platform/db/client";
import type { LambdaHttpHandler } from "#platform/http/handler";
import { described, useEmfCapture } from "../../support/emf";
import { invoke } from "../../support/lambda-event";
import { ledgerApi, newLedgerAccount } from "../../support/ledger-calls";
import { createTestRaffle, playerIp, raffleApi } from "../../support/raffle-api";

const emf = useEmfCapture();

/** Fails the next `count` attempts of a command below the retries, as DynamoDB would answer. */
function injectFailures(commandName: string, count: number, error: () => Error) {
  let remaining = count;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === commandName && remaining > 0) {
        remaining--;
        throw error();
      }
      return next(args);
    },
    { step: "finalizeRequest", name: "injectFailures", priority: "low" },
  );
}

const throttling = () => Object.assign(new Error("Rate exceeded"), { name: "ThrottlingException" });
const conflict = () =>
  Object.assign(new Error("Transaction cancelled"), {
    name: "TransactionCanceledException",
    CancellationReasons: [{ Code: "TransactionConflict" }, { Code: "None" }, { Code: "None" }],
  });

afterEach(() => {
  db.middlewareStack.remove("injectFailures");
  db.middlewareStack.remove("leaveUnprocessed");
});

describe("every function's platform metrics", () => {
  it("count a cold start on a function's first invocation only", async () => {
    vi.resetModules();
    const { handler } = (await import("../../../functions/platform/health")) as {
      handler: LambdaHttpHandler;
    };
    await invoke(handler, { path: "/health" });
    await invoke(handler, { path: "/health" });
    expect(emf.take()).toMatchObject([
      { name: "ColdStart", value: 1, dimensions: { function: "platform/health" } },
    ]);
  });

  it("count the SDK's retries of throttling, and the request succeeds", async () => {
    const id = await createTestRaffle(5);
    emf.take();
    injectFailures("GetItemCommand", 2, throttling);
    requestCounter.reset();
    expect((await raffleApi.get(id)).status).toBe(200);
    expect(requestCounter.byCommand.GetItemCommand).toBe(3);
    expect(described(emf.take())).toEqual(["StoreRetries function=raffles/get-raffle 2"]);
  });

  it("count our retries of transaction conflicts", async () => {
    const id = await createTestRaffle(5);
    await raffleApi.get(id);
    emf.take();
    injectFailures("TransactWriteItemsCommand", 2, conflict);
    expect((await raffleApi.claim(id, playerIp(7))).status).toBe(201);
    expect(described(emf.take())).toEqual([
      "StoreRetries function=raffles/claim-ticket 2",
      "TicketsClaimed 1",
    ]);
  });

  it("count a 503 and every retry before it when the store stays throttled", async () => {
    const id = await createTestRaffle(5);
    emf.take();
    injectFailures("GetItemCommand", 1_000, throttling);
    requestCounter.reset();
    expect((await raffleApi.get(id)).status).toBe(503);
    const retries = requestCounter.total - 1;
    expect(retries).toBeGreaterThan(0);
    expect(described(emf.take())).toEqual([
      `ServiceUnavailable function=raffles/get-raffle 1`,
      `StoreRetries function=raffles/get-raffle ${retries}`,
    ]);
  });

  it("count a 500 for a fault in our code", async () => {
    const id = await createTestRaffle(5);
    emf.take();
    injectFailures("GetItemCommand", 1, () => new Error("not a store error"));
    expect((await raffleApi.get(id)).status).toBe(500);
    expect(described(emf.take())).toEqual(["InternalErrors function=raffles/get-raffle 1"]);
  });

  it("count a batch re-sent with the items DynamoDB left unprocessed", async () => {
    const account = await newLedgerAccount();
    emf.take();
    let left = false;
    // Above the document client's marshalling: keys and items are plain objects here.
    db.middlewareStack.add(
      (next, context) => async (args) => {
        const input = (args as { input: { RequestItems: Record<string, { Keys: unknown[] }> } })
          .input;
        if (context.commandName !== "BatchGetItemCommand" || left) return next(args);
        left = true;
        const [table, request] = Object.entries(input.RequestItems)[0] as [
          string,
          { Keys: unknown[] },
        ];
        const [first, ...rest] = request.Keys;
        const result = await next({
          ...args,
          input: { RequestItems: { [table]: { ...request, Keys: [first] } } },
        });
        (result.output as Record<string, unknown>).UnprocessedKeys = {
          [table]: { ...request, Keys: rest },
        };
        return result;
      },
      { step: "initialize", name: "leaveUnprocessed", priority: "high" },
    );
    const analytics = await ledgerApi.analytics(account);
    expect(analytics.status).toBe(200);
    expect(left).toBe(true);
    expect(described(emf.take())).toEqual(["StoreRetries function=ledger/get-analytics 1"]);
  });
});
