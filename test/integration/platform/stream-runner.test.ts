import { randomUUID } from "node:crypto";
import { DynamoDBStreamsClient } from "@aws-sdk/client-dynamodb-streams";
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import type { DynamoDBBatchResponse, DynamoDBRecord, DynamoDBStreamEvent } from "aws-lambda";
import { afterEach, describe, expect, it } from "vitest";
import { batchPutAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";
import { dynamoDbClientConfig } from "#platform/db/client-config";
import { pendingWork } from "#platform/outbox/pending-work";
import { outboxFilters } from "#platform/outbox/stream-filter";
import { workAttributes } from "#platform/outbox/work-item";
import {
  type RunnerFunction,
  type StreamRunner,
  startStreamRunner,
} from "../../../infra/local/stream-runner";

const endpoint = process.env.DYNAMODB_ENDPOINT as string;
let runner: StreamRunner | undefined;
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
});

/** A pending work item of a test kind; `label` lets handlers recognise it. */
async function putWork(kind: string, label: string, status = "pending") {
  const id = `${label}-${randomUUID()}`;
  await db.send(
    new PutCommand({
      TableName: tableName,
      Item: {
        pk: `TEST#${id}`,
        sk: "WORK",
        label,
        ...workAttributes({ kind, id, createdAt: new Date().toISOString(), status }),
      },
    }),
  );
  return id;
}

const labelOf = (record: DynamoDBRecord) => record.dynamodb?.NewImage?.label?.S ?? "";

/** A handler that records every batch and answers as `answer` says. */
function recordingFunction(
  kind: string,
  answer: (records: DynamoDBRecord[], call: number) => DynamoDBBatchResponse = () => ({
    batchItemFailures: [],
  }),
  settings: Partial<RunnerFunction> = {},
) {
  const batches: string[][] = [];
  const events: DynamoDBStreamEvent[] = [];
  const fn: RunnerFunction = {
    name: kind,
    filters: outboxFilters(kind),
    batchSize: 10,
    maxRetryAttempts: 3,
    maxRecordAgeSeconds: 3600,
    timeoutSeconds: 30,
    handler: async (event) => {
      events.push(event);
      batches.push(event.Records.map(labelOf));
      return answer(event.Records, batches.length);
    },
    ...settings,
  };
  return { fn, batches, events, delivered: () => batches.flat() };
}

async function eventually(check: () => boolean, timeoutMs = 20_000, what = "") {
  const deadline = Date.now() + timeoutMs;
  while (!check() && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
  expect(check(), what).toBe(true);
}

const settle = (ms = 1_000) => new Promise((resolve) => setTimeout(resolve, ms));
const start = (functions: RunnerFunction[], extra: object = {}) =>
  startStreamRunner({ endpoint, tableName, functions, pollIntervalMs: 50, ...extra }).then((r) => {
    runner = r;
    return r;
  });

describe("the local stream runner", () => {
  it("delivers matching records only, in batches, as the DynamoDBStreamEvent Lambda builds", async () => {
    const kind = `k${randomUUID().slice(0, 8)}`;
    const recorder = recordingFunction(kind, undefined, { batchSize: 2 });
    await start([recorder.fn]);
    await putWork(kind, "one");
    await putWork(kind, "skipped", "skipped");
    await putWork("another-kind", "foreign");
    await putWork(kind, "two");
    await putWork(kind, "three");
    await eventually(() => recorder.delivered().length === 3);
    await settle();
    expect(recorder.delivered()).toEqual(["one", "two", "three"]);
    for (const batch of recorder.batches) expect(batch.length).toBeLessThanOrEqual(2);
    const record = recorder.events[0]?.Records[0] as DynamoDBRecord;
    expect(record).toMatchObject({
      eventName: "INSERT",
      eventSource: "aws:dynamodb",
      eventVersion: "1.1",
      eventSourceARN: expect.stringMatching(/:table\/.+\/stream\//),
      dynamodb: {
        ApproximateCreationDateTime: expect.any(Number),
        Keys: { pk: { S: expect.stringMatching(/^TEST#one-/) }, sk: { S: "WORK" } },
        NewImage: { status: { S: "pending" }, attempts: { N: "0" } },
        SequenceNumber: expect.any(String),
        StreamViewType: "NEW_AND_OLD_IMAGES",
      },
    });
  });

  it("reads each record from DynamoDB Local once for all the functions on the stream", async () => {
    const kind = `k${randomUUID().slice(0, 8)}`;
    // Three functions reading from the trim horizon, at different speeds (batches of 1, 4, 10).
    const recorders = [1, 4, 10].map((batchSize) =>
      recordingFunction(kind, undefined, { batchSize, replaysStream: true }),
    );
    const streams = new DynamoDBStreamsClient(dynamoDbClientConfig(endpoint));
    const fetched: string[] = [];
    streams.middlewareStack.add(
      (next, context) => async (args) => {
        const result = await next(args);
        if (context.commandName === "GetRecordsCommand") {
          const output = result.output as {
            Records?: { dynamodb?: { SequenceNumber?: string } }[];
          };
          for (const r of output.Records ?? []) fetched.push(r.dynamodb?.SequenceNumber ?? "");
        }
        return result;
      },
      { step: "initialize", name: "countRecordsRead" },
    );
    await start(
      recorders.map((r) => r.fn),
      { streams },
    );
    for (let burst = 0; burst < 4; burst++) {
      await Promise.all(Array.from({ length: 10 }, (_, i) => putWork(kind, `w${burst}-${i}`)));
      await settle(80);
    }
    await eventually(() => recorders.every((r) => r.delivered().length === 40));
    await settle(300);
    for (const r of recorders) expect(new Set(r.delivered()).size).toBe(40);
    // Each record went out of DynamoDB Local once, not once per function.
    expect(fetched.length).toBeGreaterThanOrEqual(40);
    expect(fetched.length).toBe(new Set(fetched).size);
    streams.destroy();
  });

  it("is not caught up while it still reads records, even none it takes", async () => {
    const kind = `k${randomUUID().slice(0, 8)}`;
    // More records than two GetRecords return (the call comes while the first is read), none
    // of them the function's, then one that is.
    await batchPutAll(
      Array.from({ length: 2_200 }, (_, i) => ({ pk: `TEST#noise-${kind}-${i}`, sk: "NOISE" })),
    );
    await putWork(kind, "after-the-noise");
    const recorder = recordingFunction(kind, undefined, { replaysStream: true });
    const started = await start([recorder.fn]);
    await started.caughtUp();
    expect(recorder.delivered()).toEqual(["after-the-noise"]);
  });

  it("delivers again from the first failed record, as with ReportBatchItemFailures", async () => {
    const kind = `k${randomUUID().slice(0, 8)}`;
    const recorder = recordingFunction(kind, (records, call) => {
      const failed = call === 1 ? records.find((r) => labelOf(r) === "b") : undefined;
      return {
        batchItemFailures: failed
          ? [{ itemIdentifier: failed.dynamodb?.SequenceNumber ?? "" }]
          : [],
      };
    });
    // Written before the runner starts: the backlog hands all four over as one batch.
    for (const label of ["a", "b", "c", "d"]) await putWork(kind, label);
    await start([{ ...recorder.fn, backlog: () => pendingWork(kind) }]);
    await eventually(() => recorder.batches.length === 2);
    await settle();
    expect(recorder.batches).toEqual([
      ["a", "b", "c", "d"],
      ["b", "c", "d"],
    ]);
  });

  it("fails the whole batch for an identifier that names none of its records", async () => {
    const kind = `k${randomUUID().slice(0, 8)}`;
    const recorder = recordingFunction(kind, (_, call) => ({
      batchItemFailures: call === 1 ? [{ itemIdentifier: "no-such-record" }] : [],
    }));
    for (const label of ["a", "b"]) await putWork(kind, label);
    await start([{ ...recorder.fn, backlog: () => pendingWork(kind) }]);
    await eventually(() => recorder.batches.length === 2);
    expect(recorder.batches).toEqual([
      ["a", "b"],
      ["a", "b"],
    ]);
  });

  it("bisects a batch whose call threw, and discards a poison record after the last retry", async () => {
    const kind = `k${randomUUID().slice(0, 8)}`;
    const discarded: string[] = [];
    const recorder = recordingFunction(kind, (records) => {
      if (records.some((r) => labelOf(r) === "poison")) throw new Error("cannot handle this one");
      return { batchItemFailures: [] };
    });
    for (const label of ["a", "b", "poison", "c"]) await putWork(kind, label);
    await start([{ ...recorder.fn, maxRetryAttempts: 2, backlog: () => pendingWork(kind) }], {
      onDiscard: (_: string, records: DynamoDBRecord[]) => discarded.push(...records.map(labelOf)),
    });
    await eventually(() => discarded.length === 1);
    await settle();
    expect(discarded).toEqual(["poison"]);
    const succeeded = recorder.batches.filter((batch) => !batch.includes("poison")).flat();
    expect(succeeded.sort()).toEqual(["a", "b", "c"]);
    // The first call with all four, its halves, and the poison's half split again and retried.
    expect(recorder.batches[0]).toEqual(["a", "b", "poison", "c"]);
    expect(recorder.batches.filter((batch) => batch.includes("poison")).length).toBe(3);
  });

  it("discards what still fails after maxRetryAttempts retries", async () => {
    const kind = `k${randomUUID().slice(0, 8)}`;
    const discarded: string[] = [];
    const recorder = recordingFunction(
      kind,
      (records) => ({
        batchItemFailures: records
          .filter((r) => labelOf(r) === "stuck")
          .map((r) => ({ itemIdentifier: r.dynamodb?.SequenceNumber ?? "" })),
      }),
      { maxRetryAttempts: 3 },
    );
    await start([recorder.fn], {
      onDiscard: (_: string, records: DynamoDBRecord[]) => discarded.push(...records.map(labelOf)),
    });
    await putWork(kind, "stuck");
    await eventually(() => discarded.length === 1);
    expect(recorder.batches).toEqual([["stuck"], ["stuck"], ["stuck"], ["stuck"]]);
  });

  it("hands over pending work written while it was stopped, and not finished work", async () => {
    const kind = `k${randomUUID().slice(0, 8)}`;
    const first = recordingFunction(kind);
    const backlogged = { ...first.fn, backlog: () => pendingWork(kind) };
    await start([backlogged]);
    // Put while the backlog may still be being read: it may come twice (stream and backlog),
    // as work may under at-least-once delivery, and must come.
    await putWork(kind, "live");
    await eventually(() => first.delivered().includes("live"), 20_000, "first");
    await runner?.stop();
    runner = undefined;

    const done = await putWork(kind, "done");
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: `TEST#${done}`, sk: "WORK" },
        UpdateExpression: "SET #status = :sent",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: { ":sent": "sent" },
      }),
    );
    await putWork(kind, "while-down");
    const second = recordingFunction(kind);
    await start([{ ...second.fn, backlog: () => pendingWork(kind) }]);
    // "live" is still pending in the table (this handler does no work): the backlog has it too.
    await eventually(
      () => second.delivered().includes("while-down"),
      20_000,
      JSON.stringify(second.batches),
    );
    await putWork(kind, "after");
    await eventually(
      () => second.delivered().includes("after"),
      20_000,
      JSON.stringify(second.batches),
    );
    expect(second.delivered().sort()).toEqual(["after", "live", "while-down"]);
  });

  it("stops promptly and delivers nothing after stop()", async () => {
    const kind = `k${randomUUID().slice(0, 8)}`;
    const recorder = recordingFunction(kind);
    const started = await start([recorder.fn]);
    await started.stop();
    runner = undefined;
    await putWork(kind, "late");
    await settle(500);
    expect(recorder.batches).toEqual([]);
  });

  it("follows a shard change: reads a closed shard to its end, then its child from the start", async () => {
    // DynamoDB Local keeps one shard for hours; a split is injected below the SDK, where the
    // service's answers arrive: DescribeStream reports the shard closed with a child (an alias
    // of the same shard, resumed where the parent ended), and the parent's iterator ends.
    const kind = `k${randomUUID().slice(0, 8)}`;
    const recorder = recordingFunction(kind);
    const streams = new DynamoDBStreamsClient(dynamoDbClientConfig(endpoint));
    const CHILD = "shardId-child-of-split";
    let split = false;
    let parentId: string | undefined;
    let lastParentSequence: string | undefined;
    const calls: string[] = [];
    streams.middlewareStack.add(
      (next, context) => async (args) => {
        const input = args.input as Record<string, unknown>;
        const command = context.commandName ?? "";
        if (command === "GetShardIteratorCommand" && input.ShardId === CHILD) {
          calls.push(`iterator ${input.ShardIteratorType}`);
          args.input = {
            ...(input as object),
            ShardId: parentId,
            ...(lastParentSequence
              ? { ShardIteratorType: "AFTER_SEQUENCE_NUMBER", SequenceNumber: lastParentSequence }
              : {}),
          } as never;
        }
        const result = await next(args);
        const output = result.output as unknown as Record<string, unknown>;
        if (command === "DescribeStreamCommand") {
          const description = output.StreamDescription as { Shards: Record<string, unknown>[] };
          parentId ??= description.Shards[0]?.ShardId as string;
          if (split) {
            description.Shards = [
              {
                ...description.Shards[0],
                SequenceNumberRange: { StartingSequenceNumber: "1", EndingSequenceNumber: "2" },
              },
              { ShardId: CHILD, ParentShardId: parentId, SequenceNumberRange: {} },
            ];
          }
        }
        if (command === "GetRecordsCommand") {
          const records = (output.Records as { dynamodb?: { SequenceNumber?: string } }[]) ?? [];
          if (!calls.length && records.length) {
            lastParentSequence = records.at(-1)?.dynamodb?.SequenceNumber;
          }
          if (split && !calls.length && records.length === 0) output.NextShardIterator = undefined;
        }
        return result;
      },
      { step: "initialize", name: "injectShardSplit" },
    );
    await start([recorder.fn], { streams, discoveryIntervalMs: 200 });
    await putWork(kind, "before-split");
    await eventually(() => recorder.delivered().length === 1);
    split = true;
    await eventually(() => calls.length > 0);
    await putWork(kind, "after-split");
    await eventually(() => recorder.delivered().length === 2);
    await settle();
    expect(recorder.delivered()).toEqual(["before-split", "after-split"]);
    expect(calls[0]).toBe("iterator TRIM_HORIZON");
    streams.destroy();
  });
});
