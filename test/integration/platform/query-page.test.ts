import { createServer, type Socket } from "node:net";
import { describe, expect, it, vi } from "vitest";
import { batchPutAll } from "#platform/db/batches";
import { encodeCursor } from "#platform/db/cursor";
import { queryAll, queryPage } from "#platform/db/query-page";
import { DomainError } from "#platform/errors";
import { invoke } from "../../support/lambda-event";

describe("queryPage", () => {
  const partition = { name: "pk", value: "page-test" };
  const query = async (cursor?: string, limit = 2) => {
    const { tableName } = await import("#platform/db/client");
    return queryPage(
      {
        TableName: tableName,
        KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
        ExpressionAttributeValues: { ":pk": partition.value, ":prefix": "ITEM#" },
      },
      { limit, cursor },
      { names: ["pk", "sk"], partition },
      (item) => item.sk,
    );
  };

  it("pages through a partition and ends without an empty page", async () => {
    await batchPutAll(
      ["ITEM#1", "ITEM#2", "ITEM#3", "ITEM#4"].map((sk) => ({ pk: partition.value, sk })),
    );
    const first = await query();
    expect(first.items).toEqual(["ITEM#1", "ITEM#2"]);
    const second = await query(first.next_cursor ?? undefined);
    expect(second).toEqual({ items: ["ITEM#3", "ITEM#4"], next_cursor: null });
  });

  it.each([
    ["a key outside the query's range", { pk: "page-test", sk: "ZZZ" }],
    ["an empty key", { pk: "page-test", sk: "" }],
    ["another partition", { pk: "other", sk: "ITEM#1" }],
  ])("answers 422 for a well-formed cursor naming %s", async (_, key) => {
    const error = await query(encodeCursor(key) ?? undefined).catch((e: unknown) => e);
    // validation_failed: the HTTP wrapper answers it 422 on every route that takes a cursor.
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe("validation_failed");
    expect((error as DomainError).options.errors).toEqual([
      { path: "cursor", message: "Invalid cursor" },
    ]);
  });
});

describe("queryAll", () => {
  it("follows every page of a Query", async () => {
    const { requestCounter, tableName } = await import("#platform/db/client");
    const pk = "query-all";
    await batchPutAll(Array.from({ length: 7 }, (_, i) => ({ pk, sk: `S#${i}` })));
    requestCounter.reset();
    const items = await queryAll({
      TableName: tableName,
      KeyConditionExpression: "pk = :pk",
      ExpressionAttributeValues: { ":pk": pk },
      Limit: 3,
    });
    expect(items.map((item) => item.sk)).toEqual(["S#0", "S#1", "S#2", "S#3", "S#4", "S#5", "S#6"]);
    expect(requestCounter.byCommand.QueryCommand).toBe(3);
  });
});

describe("a store that does not answer", () => {
  it("ends in 503 unavailable rather than hanging", async () => {
    // A TCP server that accepts connections and never says a word.
    const sockets: Socket[] = [];
    const silent = createServer((socket) => sockets.push(socket));
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    const { port } = silent.address() as { port: number };
    vi.resetModules();
    vi.stubEnv("DYNAMODB_ENDPOINT", `http://127.0.0.1:${port}`);
    vi.stubEnv("DYNAMODB_REQUEST_TIMEOUT_MS", "500");
    const { handler } = await import("../../../functions/platform/health");
    const response = await invoke(handler, { path: "/health" });
    vi.unstubAllEnvs();
    for (const socket of sockets) socket.destroy();
    silent.close();
    expect(response.status).toBe(503);
    expect(sockets.length).toBeGreaterThan(0);
  });
});
