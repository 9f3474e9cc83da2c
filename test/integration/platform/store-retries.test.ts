import { GetCommand, PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { db, requestCounter, tableName } from "#platform/db/client";
import { StoreUnavailableError } from "#platform/db/store-errors";
import { conditionFailureItem, rethrowCancellation } from "#platform/db/transactions";

// DynamoDB Local never throttles nor reports transaction conflicts: inject them below the
// retry middleware, where the real service's answer would arrive.
function injectFailures(count: number, error: () => Error) {
  let remaining = count;
  db.middlewareStack.add(
    (next) => async (args) => {
      if (remaining > 0) {
        remaining--;
        throw error();
      }
      return next(args);
    },
    { step: "finalizeRequest", name: "injectFailures", priority: "low" },
  );
  return () => remaining;
}

const conflict = () =>
  Object.assign(new Error("Transaction cancelled"), {
    name: "TransactionCanceledException",
    CancellationReasons: [{ Code: "None" }, { Code: "TransactionConflict" }],
  });

afterEach(() => {
  db.middlewareStack.remove("injectFailures");
});

describe("store retries", () => {
  it("retries a transaction conflict and then succeeds, writing once", async () => {
    const remaining = injectFailures(2, conflict);
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: { pk: "retry", sk: "a" } } },
          { Put: { TableName: tableName, Item: { pk: "retry", sk: "b" } } },
        ],
      }),
    );
    expect(remaining()).toBe(0);
    const item = await db.send(
      new GetCommand({ TableName: tableName, Key: { pk: "retry", sk: "b" } }),
    );
    expect(item.Item).toEqual({ pk: "retry", sk: "b" });
  });

  it("gives up with StoreUnavailableError when conflicts persist, having written nothing", async () => {
    injectFailures(100, conflict);
    requestCounter.reset();
    await expect(
      db.send(
        new TransactWriteCommand({
          TransactItems: [{ Put: { TableName: tableName, Item: { pk: "conflicted", sk: "x" } } }],
        }),
      ),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    expect(requestCounter.total).toBe(5);
    db.middlewareStack.remove("injectFailures");
    const item = await db.send(
      new GetCommand({ TableName: tableName, Key: { pk: "conflicted", sk: "x" } }),
    );
    expect(item.Item).toBeUndefined();
  });

  it("answers throttling that outlasts the SDK's retries with StoreUnavailableError", async () => {
    injectFailures(100, () => Object.assign(new Error("slow"), { name: "ThrottlingException" }));
    requestCounter.reset();
    await expect(
      db.send(new PutCommand({ TableName: tableName, Item: { pk: "throttled", sk: "x" } })),
    ).rejects.toBeInstanceOf(StoreUnavailableError);
    db.middlewareStack.remove("injectFailures");
    const item = await db.send(
      new GetCommand({ TableName: tableName, Key: { pk: "throttled", sk: "x" } }),
    );
    expect(item.Item).toBeUndefined();
  });

  it("takes a store out of reach for unavailable (503), not for a fault of ours (500)", async () => {
    // Found by the crash test: DynamoDB Local killed under a request answered 500. Node's own
    // error for a refused or reset connection, as the SDK's HTTP handler hands it on.
    for (const code of ["ECONNREFUSED", "ECONNRESET", "EPIPE"]) {
      injectFailures(100, () => Object.assign(new Error(`connect ${code} 127.0.0.1:1`), { code }));
      await expect(
        db.send(new PutCommand({ TableName: tableName, Item: { pk: "unreachable", sk: code } })),
      ).rejects.toBeInstanceOf(StoreUnavailableError);
      db.middlewareStack.remove("injectFailures");
    }
  });

  it("never retries a failed condition: it maps to the domain's error", async () => {
    await db.send(new PutCommand({ TableName: tableName, Item: { pk: "taken", sk: "x" } }));
    requestCounter.reset();
    const attempt = db.send(
      new TransactWriteCommand({
        TransactItems: [
          { Put: { TableName: tableName, Item: { pk: "free", sk: "x" } } },
          {
            Put: {
              TableName: tableName,
              Item: { pk: "taken", sk: "x" },
              ConditionExpression: "attribute_not_exists(pk)",
              ReturnValuesOnConditionCheckFailure: "ALL_OLD",
            },
          },
        ],
      }),
    );
    const error = await attempt.catch((e: unknown) => e);
    expect(requestCounter.total).toBe(1);
    let current: unknown;
    expect(() =>
      rethrowCancellation(error, (index, item) => {
        current = item;
        return index === 1 ? new Error("taken") : undefined;
      }),
    ).toThrow("taken");
    expect(current).toEqual({ pk: "taken", sk: "x" });
  });

  it("hands back the current item of a single write whose condition failed", async () => {
    await db.send(new PutCommand({ TableName: tableName, Item: { pk: "single", sk: "x", n: 1 } }));
    const error = await db
      .send(
        new PutCommand({
          TableName: tableName,
          Item: { pk: "single", sk: "x", n: 2 },
          ConditionExpression: "attribute_not_exists(pk)",
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      )
      .catch((e: unknown) => e);
    expect(conditionFailureItem(error)).toEqual({ pk: "single", sk: "x", n: 1 });
    expect(conditionFailureItem(new Error("other"))).toBeUndefined();
  });
});
