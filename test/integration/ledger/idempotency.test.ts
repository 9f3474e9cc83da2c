import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { ledgerKeys } from "#ledger/store/keys";
import { db, tableName } from "#platform/db/client";
import { idempotencyRecordKey } from "#platform/idempotency/record";
import { expectLedgerConsistent, ledgerSnapshot, storedTransactions } from "../../support/ledger";
import { ledgerApi, newLedgerAccount } from "../../support/ledger-calls";
import { expectProblem } from "../../support/problem";

describe("Idempotency-Key on posting", () => {
  it("replays the first response, status and body, with Idempotent-Replayed: true", async () => {
    const account = await newLedgerAccount();
    const body = { type: "credit", amount: "12.50", description: "Prize payout" };
    const first = await ledgerApi.post(account, body, { key: "payout-1" });
    expect(first.status).toBe(201);
    const again = await ledgerApi.post(account, body, { key: "payout-1" });
    expect(again.status).toBe(201);
    expect(again.body).toEqual(first.body);
    expect(again.headers.location).toBe(first.headers.location);
    expect(again.headers["idempotent-replayed"]).toBe("true");
    expect(await storedTransactions(account)).toHaveLength(1);
    expect((await ledgerApi.analytics(account)).body.balance).toBe("12.50");
  });

  it("compares the validated body, not its bytes: same amount, time and fields in any form", async () => {
    const account = await newLedgerAccount();
    const first = await ledgerApi.post(
      account,
      { type: "credit", amount: "5", occurred_at: "2026-03-01T10:00:00+01:00", description: "Hi" },
      { key: "k" },
    );
    expect(first.status).toBe(201);
    const same = await ledgerApi.post(
      account,
      {
        description: " Hi ",
        occurred_at: "2026-03-01T09:00:00.000Z",
        amount: "5.00",
        type: "credit",
      },
      { key: "k" },
    );
    expect(same.headers["idempotent-replayed"]).toBe("true");
    expect(same.body.id).toBe(first.body.id);
    // Without occurred_at the default "now" is not part of the request: a retry later replays.
    const noTime = await ledgerApi.post(account, { type: "credit", amount: "1" }, { key: "t" });
    await new Promise((resolve) => setTimeout(resolve, 20));
    const retried = await ledgerApi.post(account, { type: "credit", amount: "1.00" }, { key: "t" });
    expect(retried.headers["idempotent-replayed"]).toBe("true");
    expect(retried.body).toEqual(noTime.body);
    expect(await storedTransactions(account)).toHaveLength(2);
  });

  it.each([
    ["another amount", { type: "credit", amount: "12.51" }],
    ["another type", { type: "debit", amount: "12.50" }],
    ["a description added", { type: "credit", amount: "12.50", description: "x" }],
    [
      "an occurred_at added",
      { type: "credit", amount: "12.50", occurred_at: "2026-01-01T00:00:00Z" },
    ],
  ])("answers 422 idempotency_key_reused for the same key with %s", async (_, body) => {
    const account = await newLedgerAccount();
    await ledgerApi.post(account, { type: "credit", amount: "12.50" }, { key: "reused" });
    const before = await ledgerSnapshot(account);
    expectProblem(
      await ledgerApi.post(account, body, { key: "reused" }),
      422,
      "idempotency_key_reused",
    );
    expect(await ledgerSnapshot(account)).toEqual(before);
  });

  it("stores nothing for a refused request: its key stays free", async () => {
    const account = await newLedgerAccount();
    const body = { type: "debit", amount: "10.00" };
    expectProblem(await ledgerApi.post(account, body, { key: "early" }), 409, "insufficient_funds");
    expectProblem(
      await ledgerApi.post(account, { type: "credit", amount: 1 }, { key: "early" }),
      422,
      "validation_failed",
    );
    expect((await ledgerSnapshot(account)).idempotency).toEqual([]);
    await ledgerApi.post(account, { type: "credit", amount: "10.00" });
    const later = await ledgerApi.post(account, body, { key: "early" });
    expect(later.status).toBe(201);
    expect(later.headers["idempotent-replayed"]).toBeUndefined();
    expect(later.body.balance_after).toBe("0.00");
  });

  it("scopes keys to the account: one key posts once on each of two accounts", async () => {
    const [a, b] = [await newLedgerAccount(), await newLedgerAccount()];
    const body = { type: "credit", amount: "3.00" };
    const onA = await ledgerApi.post(a, body, { key: "shared-key" });
    const onB = await ledgerApi.post(b, body, { key: "shared-key" });
    expect([onA.status, onB.status]).toEqual([201, 201]);
    expect(onB.headers["idempotent-replayed"]).toBeUndefined();
    expect(onB.body.account_id).toBe(b);
  });

  it("forgets a key after 24 hours: the same request then posts again", async () => {
    const account = await newLedgerAccount();
    const body = { type: "credit", amount: "2.00" };
    const first = await ledgerApi.post(account, body, { key: "daily" });
    // What DynamoDB's TTL would do lazily: the record is past its time but not yet deleted.
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: idempotencyRecordKey({ scope: ledgerKeys.partition(account), key: "daily" }),
        UpdateExpression: "SET expires_at_epoch = :past",
        ExpressionAttributeValues: { ":past": Math.floor(Date.now() / 1000) - 1 },
      }),
    );
    const second = await ledgerApi.post(account, body, { key: "daily" });
    expect(second.status).toBe(201);
    expect(second.headers["idempotent-replayed"]).toBeUndefined();
    expect(second.body.id).not.toBe(first.body.id);
    expect(second.body.balance_after).toBe("4.00");
  });

  it("turns 20 concurrent posts with one key into exactly one transaction, every answer carrying its id", async () => {
    const account = await newLedgerAccount();
    const body = { type: "credit", amount: "7.25" };
    const responses = await Promise.all(
      Array.from({ length: 20 }, () => ledgerApi.post(account, body, { key: "burst" })),
    );
    expect(responses.map((r) => r.status)).toEqual(Array(20).fill(201));
    const ids = new Set(responses.map((r) => r.body.id));
    expect(ids.size).toBe(1);
    expect(responses.filter((r) => r.headers["idempotent-replayed"] === undefined)).toHaveLength(1);
    const { history, analytics } = await expectLedgerConsistent(account);
    expect(history.map((t) => t.id)).toEqual([...ids]);
    expect(analytics.balance).toBe("7.25");
  });

  it("answers concurrent posts of one key with different bodies: one posts, the rest 422 or replay", async () => {
    const account = await newLedgerAccount();
    const responses = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        ledgerApi.post(account, { type: "credit", amount: `${1 + (i % 2)}.00` }, { key: "mixed" }),
      ),
    );
    const posted = responses.find((r) => r.status === 201 && !r.headers["idempotent-replayed"]);
    expect(posted).toBeDefined();
    for (const response of responses) {
      if (response.status === 201) expect(response.body).toEqual(posted?.body);
      else expectProblem(response, 422, "idempotency_key_reused");
    }
    expect(responses.filter((r) => r.status === 201)).toHaveLength(5);
    expect(await storedTransactions(account)).toHaveLength(1);
  });
});
