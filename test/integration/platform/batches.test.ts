import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { batchDeleteAll, batchGetAll, batchPutAll } from "#platform/db/batches";
import { db, requestCounter, tableName } from "#platform/db/client";
import { StoreUnavailableError } from "#platform/db/store-errors";

// DynamoDB Local always processes whole batches: hand back part of each batch as unprocessed,
// as the real service does under load, and check it is sent again.
function leaveUnprocessed(times: number, unprocessed: (requested: unknown[]) => unknown[]) {
  let remaining = times;
  db.middlewareStack.add(
    (next) => async (args) => {
      const result = await next(args);
      const output = result.output as {
        UnprocessedItems?: Record<string, unknown[]>;
      };
      const input = (args as { input: { RequestItems?: Record<string, unknown> } }).input;
      const requested = input.RequestItems?.[tableName];
      if (remaining > 0 && Array.isArray(requested)) {
        remaining--;
        output.UnprocessedItems = { [tableName]: unprocessed(requested) };
      }
      return result;
    },
    { step: "initialize", name: "leaveUnprocessed", priority: "low" },
  );
}

afterEach(() => {
  db.middlewareStack.remove("leaveUnprocessed");
});

const items = (pk: string, count: number) =>
  Array.from({ length: count }, (_, i) => ({ pk, sk: String(i).padStart(3, "0") }));

async function countUnder(pk: string) {
  const result = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": pk },
      Select: "COUNT",
    }),
  );
  return result.Count;
}

describe("batch helpers", () => {
  it("puts, reads and deletes any number of items, 25 and 100 at a time", async () => {
    const all = items("batch-any", 130);
    requestCounter.reset();
    await batchPutAll(all);
    expect(requestCounter.byCommand.BatchWriteItemCommand).toBe(6);
    expect(await countUnder("batch-any")).toBe(130);
    expect(await batchGetAll(all)).toHaveLength(130);
    await batchDeleteAll(all);
    expect(await countUnder("batch-any")).toBe(0);
  });

  it("sends unprocessed items again until they are written", async () => {
    leaveUnprocessed(2, (requested) => requested.slice(1));
    requestCounter.reset();
    await batchPutAll(items("batch-retry", 10));
    expect(requestCounter.byCommand.BatchWriteItemCommand).toBe(3);
    expect(await countUnder("batch-retry")).toBe(10);
  });

  it("answers StoreUnavailableError when items stay unprocessed", async () => {
    leaveUnprocessed(1000, (requested) => requested);
    await expect(batchPutAll(items("batch-stuck", 5))).rejects.toBeInstanceOf(
      StoreUnavailableError,
    );
  });
});
