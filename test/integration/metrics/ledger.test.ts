import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
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
});
