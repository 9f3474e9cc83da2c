import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { db, requestCounter } from "#platform/db/client";
import { expectLedgerConsistent } from "../../support/ledger";
import { ledgerApi, newLedgerAccount } from "../../support/ledger-calls";
import { seedLedger } from "../../support/ledger-seed";

let small: string;
let large: string;

beforeAll(async () => {
  small = await newLedgerAccount();
  large = await newLedgerAccount();
  await seedLedger(small, 10);
  await seedLedger(large, 5_000, Date.now(), 5 * 365);
}, 180_000);

/** Records how many items each Query read (ScannedCount), as the service reports it. */
function recordScans() {
  const scanned: number[] = [];
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === "QueryCommand") {
        scanned.push((result.output as { ScannedCount?: number }).ScannedCount ?? -1);
      }
      return result;
    },
    { step: "initialize", name: "recordScans" },
  );
  return scanned;
}

afterEach(() => {
  db.middlewareStack.remove("recordScans");
});

describe.each([
  ["10", () => small],
  ["5,000", () => large],
])("DynamoDB requests for an account with %s transactions", (_, accountOf) => {
  it("posting: one BatchGetItem and one TransactWriteItems", async () => {
    requestCounter.reset();
    const response = await ledgerApi.post(accountOf(), { type: "credit", amount: "1.00" });
    expect(response.status).toBe(201);
    expect(requestCounter.byCommand).toEqual({
      BatchGetItemCommand: 1,
      TransactWriteItemsCommand: 1,
    });
  });

  it("one transaction with its notification: one BatchGetItem", async () => {
    const posted = await ledgerApi.post(accountOf(), { type: "credit", amount: "3.00" });
    requestCounter.reset();
    const read = await ledgerApi.get(accountOf(), posted.body.id);
    expect(read.body).toEqual(posted.body);
    expect(read.body.notification).toEqual({
      channel: "sms",
      status: "skipped",
      detail: "no_phone",
    });
    expect(requestCounter.byCommand).toEqual({ BatchGetItemCommand: 1 });
  });

  it("analytics: one BatchGetItem", async () => {
    requestCounter.reset();
    const response = await ledgerApi.analytics(accountOf());
    expect(response.status).toBe(200);
    expect(requestCounter.byCommand).toEqual({ BatchGetItemCommand: 1 });
  });

  it("a replayed posting: one BatchGetItem, nothing written", async () => {
    await ledgerApi.post(accountOf(), { type: "credit", amount: "2.00" }, { key: "count-replay" });
    requestCounter.reset();
    const replay = await ledgerApi.post(
      accountOf(),
      { type: "credit", amount: "2.00" },
      { key: "count-replay" },
    );
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(requestCounter.byCommand).toEqual({ BatchGetItemCommand: 1 });
  });

  it("a refused debit: one BatchGetItem, nothing written", async () => {
    requestCounter.reset();
    const response = await ledgerApi.post(accountOf(), { type: "debit", amount: "999999999.00" });
    expect(response.body.code).toBe("insufficient_funds");
    expect(requestCounter.byCommand).toEqual({ BatchGetItemCommand: 1 });
  });

  it.each([
    ["no filter", {}],
    ["type", { type: "debit" }],
    [
      "from/to a year ago",
      {
        from: new Date(Date.now() - 400 * 86_400_000).toISOString(),
        to: new Date(Date.now() - 300 * 86_400_000).toISOString(),
      },
    ],
    [
      "type and from",
      { type: "credit", from: new Date(Date.now() - 30 * 86_400_000).toISOString() },
    ],
  ])(
    "a page with %s: one Query reading at most limit + 1 items, one BatchGetItem of its notifications",
    async (_, filter) => {
      const scanned = recordScans();
      requestCounter.reset();
      const page = await ledgerApi.list(accountOf(), { limit: "5", ...filter });
      expect(page.status).toBe(200);
      expect(page.body.items.length).toBeGreaterThan(0);
      expect(requestCounter.byCommand).toEqual({ QueryCommand: 1, BatchGetItemCommand: 1 });
      expect(scanned).toHaveLength(1);
      expect(scanned[0]).toBeLessThanOrEqual(6);
    },
  );
});

describe("DynamoDB requests of postings that arrive at once on one wallet", () => {
  it("never more transactions than postings: the process serves the wallet in turn, queued postings sharing one", async () => {
    const account = await newLedgerAccount();
    requestCounter.reset();
    const responses = await Promise.all(
      Array.from({ length: 16 }, (_, i) =>
        ledgerApi.post(account, { type: "credit", amount: `${i + 1}.00` }),
      ),
    );
    expect(responses.map((r) => r.status)).toEqual(responses.map(() => 201));
    expect(requestCounter.byCommand.BatchGetItemCommand).toBe(16);
    // Served one by one it would be exactly 16; raced, up to 136 (16 + 15 + … + 1).
    expect(requestCounter.byCommand.TransactWriteItemsCommand).toBeLessThanOrEqual(16);
    const { history } = await expectLedgerConsistent(account);
    expect(history).toHaveLength(16);
  });
});
