import { randomUUID } from "node:crypto";
import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { ledgerKeys } from "#ledger/store/keys";
import { db, tableName } from "#platform/db/client";
import { described, useEmfCapture } from "../../support/emf";
import { ledgerApi, newLedgerAccount } from "../../support/ledger-calls";

const emf = useEmfCapture();

describe("the ledger's metrics", () => {
  it("count each posting by type when committed, never its replay", async () => {
    const account = await newLedgerAccount();
    const key = randomUUID();
    const credit = { type: "credit", amount: "20.00" };
    expect((await ledgerApi.post(account, credit, { key })).status).toBe(201);
    expect(described(emf.take())).toEqual(["Postings type=credit 1"]);
    const replay = await ledgerApi.post(account, credit, { key });
    expect(replay.headers["idempotent-replayed"]).toBe("true");
    expect(described(emf.take())).toEqual([]);
    expect((await ledgerApi.post(account, { type: "debit", amount: "5.00" })).status).toBe(201);
    expect(described(emf.take())).toEqual(["Postings type=debit 1"]);
  });

  it("count refused postings by the answer's code", async () => {
    const account = await newLedgerAccount();
    const key = randomUUID();
    expect((await ledgerApi.post(account, { type: "debit", amount: "1.00" }, { key })).status).toBe(
      409,
    );
    expect(
      (await ledgerApi.post(account, { type: "credit", amount: "1.00" }, { key })).status,
    ).toBe(201);
    expect(
      (await ledgerApi.post(account, { type: "credit", amount: "2.00" }, { key })).status,
    ).toBe(422);
    expect(
      (await ledgerApi.post("a_unknownAccountId0000001", { type: "credit", amount: "1.00" }))
        .status,
    ).toBe(404);
    expect(described(emf.take())).toEqual([
      "Postings type=credit 1",
      "PostingsRefused reason=account_not_found 1",
      "PostingsRefused reason=idempotency_key_reused 1",
      "PostingsRefused reason=insufficient_funds 1",
    ]);
  });

  it("count a posting attempt lost to another process, tried again", async () => {
    const account = await newLedgerAccount();
    expect((await ledgerApi.post(account, { type: "credit", amount: "5.00" })).status).toBe(201);
    emf.take();
    // Another process commits between this posting's read and its write: the wallet's version
    // moves on under it (a direct write of the wallet, as another instance's posting would).
    let raced = false;
    db.middlewareStack.add(
      (next, context) => async (args) => {
        if (context.commandName === "TransactWriteItemsCommand" && !raced) {
          raced = true;
          const { Item } = await db.send(
            new GetCommand({ TableName: tableName, Key: ledgerKeys.wallet(account) }),
          );
          await db.send(
            new PutCommand({
              TableName: tableName,
              Item: { ...Item, transaction_count: Number(Item?.transaction_count) + 1 },
            }),
          );
        }
        return next(args);
      },
      { step: "initialize", name: "raceOnce" },
    );
    try {
      expect((await ledgerApi.post(account, { type: "credit", amount: "1.00" })).status).toBe(201);
    } finally {
      db.middlewareStack.remove("raceOnce");
    }
    expect(described(emf.take())).toEqual(["Postings type=credit 1", "PostingsRaced 1"]);
  });
});
