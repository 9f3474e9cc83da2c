import { randomUUID } from "node:crypto";
import { DescribeTableCommand, DynamoDBClient } from "@aws-sdk/client-dynamodb";
import {
  DescribeStreamCommand,
  DynamoDBStreamsClient,
  GetRecordsCommand,
  type GetRecordsCommandOutput,
  GetShardIteratorCommand,
  type Shard,
  type ShardIteratorType,
} from "@aws-sdk/client-dynamodb-streams";
import type { DynamoDBBatchResponse, DynamoDBRecord } from "aws-lambda";
import { dynamoDbClientConfig } from "#platform/db/client-config";
import type { FilterPattern, StreamFunctionDefinition } from "#platform/function-definitions";
import { logger } from "#platform/observability/logger";
import type { StreamHandler } from "#platform/outbox/consumer";
import { pendingWork } from "#platform/outbox/pending-work";
import { passesFilters } from "./event-filter";
import { insertRecordOf, toLambdaRecord } from "./stream-record";

/** A stream function as the runner runs it: its handler and its event source mapping's settings. */
export interface RunnerFunction {
  name: string;
  handler: StreamHandler;
  filters: readonly FilterPattern[];
  batchSize: number;
  maxRetryAttempts: number;
  maxRecordAgeSeconds: number;
  timeoutSeconds: number;
  /**
   * Items in the table that may still need this function (its pending work): handed to it as
   * INSERT records on start, since no stream position survives a restart of the runner.
   */
  backlog?: () => Promise<Record<string, unknown>[]>;
  /** Read every shard from its trim horizon on start (a view kept from the stream), not from now. */
  replaysStream?: boolean;
}

/**
 * A stream function as the runner runs it: its definition's mapping settings and timeout, with
 * `handler`; an outbox function starts with its kind's pending work, and a view kept from the
 * stream reads it again from the start.
 */
export function runnerFunctionOf(
  definition: StreamFunctionDefinition,
  handler: StreamHandler,
): RunnerFunction {
  const kind = definition.outboxKind;
  return {
    ...definition.stream,
    timeoutSeconds: definition.function.timeoutSeconds ?? 10,
    name: definition.function.handler,
    handler,
    ...(kind ? { backlog: () => pendingWork(kind) } : {}),
    ...(definition.replaysStream ? { replaysStream: true } : {}),
  };
}

export interface StreamRunnerOptions {
  endpoint: string;
  tableName: string;
  functions: readonly RunnerFunction[];
  /** How often an idle shard is polled (Lambda polls DynamoDB streams 4 times a second). */
  pollIntervalMs?: number;
  /** How often the stream is described to find new shards. */
  discoveryIntervalMs?: number;
  /** The DynamoDB Streams client to read with (tests hand one with fault-injecting middleware). */
  streams?: DynamoDBStreamsClient;
  /** Where records go that the function never processed (Lambda's on-failure destination). */
  onDiscard?: (functionName: string, records: DynamoDBRecord[], reason: string) => void;
}

export interface StreamRunner {
  /** Stops polling and waits for any batch in flight to finish. */
  stop(): Promise<void>;
  /**
   * Resolves once every function has handled every record written before the call, and what
   * those records' handling wrote in turn: each has made a full pass over its shards, begun
   * after the call, that found nothing to hand over.
   */
  caughtUp(): Promise<void>;
}

const GET_RECORDS_LIMIT = 1000;
/** How long the records a GetRecords returned are kept for the functions behind the first. */
const KEEP_READ_MS = 30_000;

type GetRecordsOutput = Pick<GetRecordsCommandOutput, "Records" | "NextShardIterator">;

/** Records one GetRecords returned, kept for the other functions reading the shard. */
interface KeptRead {
  records: NonNullable<GetRecordsCommandOutput["Records"]>;
  /** The iterator after the last of them. */
  next: string | undefined;
  keptAt: number;
  /** Where it is found: the positions it serves. */
  keys: string[];
}

/** One shard being read: where we are, and whose children wait for it. */
interface ShardReader {
  id: string;
  parentId: string | undefined;
  iterator: string | undefined;
  /** The last sequence number handed over, to resume after an iterator error. */
  lastSequence: string | undefined;
  startType: ShardIteratorType;
}

/**
 * Runs stream functions on DynamoDB Local's stream as Lambda's event source mappings would:
 * reads every shard (DescribeStream / GetShardIterator / GetRecords), follows new and closed
 * shards (a child after its parent), applies each function's filters, hands it batches of the
 * same `DynamoDBStreamEvent` Lambda builds, and honours `batchItemFailures` (delivery again from
 * the first failed record), bisects a batch whose call threw, bounds retries and record age.
 * Shard ids and layout are never assumed: DynamoDB Local's differ from AWS's.
 */
export async function startStreamRunner(options: StreamRunnerOptions): Promise<StreamRunner> {
  const config = dynamoDbClientConfig(options.endpoint);
  const streams = options.streams ?? new DynamoDBStreamsClient(config);
  // No SDK logger is configured, yet its middleware copies every GetRecords output (up to 1,000
  // records) through the sensitive-data filter: dropped.
  if (!options.streams) streams.middlewareStack.remove("loggerMiddleware");
  const table = await new DynamoDBClient(config).send(
    new DescribeTableCommand({ TableName: options.tableName }),
  );
  const latestArn = table.Table?.LatestStreamArn;
  if (!latestArn) throw new Error(`Table ${options.tableName} has no stream`);
  const streamArn: string = latestArn;

  const abort = new AbortController();
  const pollIntervalMs = options.pollIntervalMs ?? 250;
  const discoveryIntervalMs = options.discoveryIntervalMs ?? 1000;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      if (abort.signal.aborted) return resolve();
      const timer = setTimeout(done, ms);
      function done() {
        clearTimeout(timer);
        abort.signal.removeEventListener("abort", done);
        resolve();
      }
      abort.signal.addEventListener("abort", done);
    });

  async function describeShards(): Promise<Shard[]> {
    const shards: Shard[] = [];
    let start: string | undefined;
    do {
      const { StreamDescription } = await streams.send(
        new DescribeStreamCommand({ StreamArn: streamArn, ExclusiveStartShardId: start }),
      );
      shards.push(...(StreamDescription?.Shards ?? []));
      start = StreamDescription?.LastEvaluatedShardId;
    } while (start);
    return shards;
  }

  // Lambda's mappings each read the stream on their own; here, in one process, the functions
  // reading a shard share what it returned: DynamoDB Local serves every request on one core,
  // and five functions each reading every record was most of what the stream cost it. A read
  // that returned records is kept for KEEP_READ_MS, found by the position it started from and by
  // each of its records, so a function at any of them takes the records after it without a
  // request (and the read's next iterator); functions reading at the same moment share one
  // request. An empty read is not kept: a later pass always asks again. A read in flight is
  // joined only if it began after the latest `caughtUp()` call, since an older one may miss a
  // record written before the call.
  const keptAt = new Map<string, { read: KeptRead; after: number }>();
  const keptReads: KeptRead[] = [];
  const inFlight = new Map<string, { startedAt: number; result: Promise<GetRecordsOutput> }>();
  let caughtUpAskedAt = 0;

  function keep(shardId: string, from: string, output: GetRecordsOutput) {
    const now = performance.now();
    while (keptReads.length > 0 && now - (keptReads[0] as KeptRead).keptAt > KEEP_READ_MS) {
      const old = keptReads.shift() as KeptRead;
      for (const key of old.keys) if (keptAt.get(key)?.read === old) keptAt.delete(key);
    }
    const records = output.Records ?? [];
    const read: KeptRead = { records, next: output.NextShardIterator, keptAt: now, keys: [] };
    const positions = [from, ...records.slice(0, -1).map((r) => r.dynamodb?.SequenceNumber)];
    positions.forEach((position, i) => {
      if (position === undefined) return;
      const key = `${shardId}@${position}`;
      keptAt.set(key, { read, after: i - 1 });
      read.keys.push(key);
    });
    keptReads.push(read);
  }

  async function readRecords(reader: ShardReader, iterator: string): Promise<GetRecordsOutput> {
    const send = () =>
      streams.send(new GetRecordsCommand({ ShardIterator: iterator, Limit: GET_RECORDS_LIMIT }));
    // Where this reader stands: after a record, at the trim horizon, or unknown (LATEST).
    const from = reader.lastSequence ?? (reader.startType === "TRIM_HORIZON" ? "" : undefined);
    if (from === undefined) return send();
    const key = `${reader.id}@${from}`;
    const hit = keptAt.get(key);
    if (hit)
      return { Records: hit.read.records.slice(hit.after + 1), NextShardIterator: hit.read.next };
    const flying = inFlight.get(key);
    if (flying && flying.startedAt >= caughtUpAskedAt) return flying.result;
    const result = send();
    inFlight.set(key, { startedAt: performance.now(), result });
    try {
      const output = await result;
      if ((output.Records ?? []).length > 0) keep(reader.id, from, output);
      return output;
    } finally {
      if (inFlight.get(key)?.result === result) inFlight.delete(key);
    }
  }

  async function iteratorFor(reader: ShardReader): Promise<string | undefined> {
    const { ShardIterator } = await streams.send(
      new GetShardIteratorCommand({
        StreamArn: streamArn,
        ShardId: reader.id,
        ...(reader.lastSequence
          ? { ShardIteratorType: "AFTER_SEQUENCE_NUMBER", SequenceNumber: reader.lastSequence }
          : { ShardIteratorType: reader.startType }),
      }),
    );
    return ShardIterator;
  }

  /** Starts one function's polling; resolves once its shards' starting points are fixed. */
  async function runFunction(
    fn: RunnerFunction,
  ): Promise<{ done: Promise<void>; caughtUp: () => Promise<void> }> {
    const discard = (records: DynamoDBRecord[], reason: string) => {
      if (records.length === 0) return;
      logger.error("stream records discarded", {
        function: fn.name,
        reason,
        sequence_numbers: records.map((r) => r.dynamodb?.SequenceNumber),
      });
      options.onDiscard?.(fn.name, records, reason);
    };

    const tooOld = (record: DynamoDBRecord) => {
      const created = record.dynamodb?.ApproximateCreationDateTime;
      return created !== undefined && Date.now() / 1000 - created > fn.maxRecordAgeSeconds;
    };

    async function invoke(records: DynamoDBRecord[]): Promise<DynamoDBBatchResponse | "threw"> {
      const deadline = Date.now() + fn.timeoutSeconds * 1000;
      try {
        const result = await fn.handler(
          { Records: records },
          { awsRequestId: randomUUID(), getRemainingTimeInMillis: () => deadline - Date.now() },
        );
        if (Date.now() > deadline) {
          logger.warn("stream function overran its timeout", { function: fn.name });
        }
        return result ?? { batchItemFailures: [] };
      } catch (error) {
        logger.error("stream function failed", { function: fn.name, error: error as Error });
        return "threw";
      }
    }

    /** The index of the first failed record, as Lambda reads a partial batch response. */
    function firstFailure(result: DynamoDBBatchResponse, records: DynamoDBRecord[]) {
      const failures = result.batchItemFailures ?? [];
      if (failures.length === 0) return undefined;
      const positions = failures.map((failure) =>
        records.findIndex((r) => r.dynamodb?.SequenceNumber === failure.itemIdentifier),
      );
      // An identifier that names no record of the batch fails the whole batch, as in Lambda.
      return positions.some((p) => p < 0) ? 0 : Math.min(...positions);
    }

    async function deliver(batch: DynamoDBRecord[], retriesUsed = 0): Promise<void> {
      let records = batch;
      for (let retries = retriesUsed; records.length > 0; retries++) {
        discard(records.filter(tooOld), "record too old");
        records = records.filter((record) => !tooOld(record));
        if (records.length === 0) return;
        const result = await invoke(records);
        if (result === "threw" && records.length > 1 && retries < fn.maxRetryAttempts) {
          const half = Math.ceil(records.length / 2);
          await deliver(records.slice(0, half), retries + 1);
          await deliver(records.slice(half), retries + 1);
          return;
        }
        const failedFrom = result === "threw" ? 0 : firstFailure(result, records);
        if (failedFrom === undefined) return;
        if (retries >= fn.maxRetryAttempts) {
          discard(records.slice(failedFrom), "retries exhausted");
          return;
        }
        records = records.slice(failedFrom);
        if (abort.signal.aborted) return;
      }
    }

    async function deliverAll(records: DynamoDBRecord[], filtered = false) {
      const matching = filtered
        ? records
        : records.filter((record) => passesFilters(fn.filters, record));
      for (let i = 0; i < matching.length && !abort.signal.aborted; i += fn.batchSize) {
        await deliver(matching.slice(i, i + fn.batchSize));
      }
    }

    const readers = new Map<string, ShardReader>();
    const known = new Set<string>();

    async function discover(initial: boolean) {
      for (const shard of await describeShards()) {
        const id = shard.ShardId;
        if (!id || known.has(id)) continue;
        known.add(id);
        const closed = shard.SequenceNumberRange?.EndingSequenceNumber !== undefined;
        // On start, closed shards hold only the past, which the backlog covers; the open ones
        // are read from now on. A shard that appears later is read from its beginning, and so is
        // every shard for a function that replays the stream.
        const fromNow = initial && !fn.replaysStream;
        if (fromNow && closed) continue;
        readers.set(id, {
          id,
          parentId: shard.ParentShardId,
          iterator: undefined,
          lastSequence: undefined,
          startType: fromNow ? "LATEST" : "TRIM_HORIZON",
        });
      }
    }

    /**
     * Reads one batch of a shard; whether it returned records, taken or not: a batch of records
     * none of which pass the filters still means the shard was not read to its end, and a pass
     * that reads one has not caught up (`caughtUp()`).
     */
    async function poll(reader: ShardReader): Promise<boolean> {
      reader.iterator ??= await iteratorFor(reader);
      if (!reader.iterator) {
        readers.delete(reader.id);
        return false;
      }
      let result: GetRecordsOutput;
      try {
        result = await readRecords(reader, reader.iterator);
      } catch (error) {
        const name = (error as Error).name;
        // Not read to its end either: the next pass reads it again from a new iterator.
        if (name === "ExpiredIteratorException") {
          reader.iterator = undefined;
          return true;
        }
        if (name === "TrimmedDataAccessException") {
          reader.iterator = undefined;
          reader.lastSequence = undefined;
          reader.startType = "TRIM_HORIZON";
          return true;
        }
        throw error;
      }
      // Filters name string and number values (`{ S }`, `{ N }`), the same in the SDK's form as
      // in Lambda's: only the records a function takes are converted to Lambda's form.
      const read = result.Records ?? [];
      const records = read
        .filter((record) => passesFilters(fn.filters, record))
        .map((record) => toLambdaRecord(record, streamArn));
      await deliverAll(records, true);
      reader.lastSequence = read.at(-1)?.dynamodb?.SequenceNumber ?? reader.lastSequence;
      reader.iterator = result.NextShardIterator;
      if (!reader.iterator) readers.delete(reader.id);
      return read.length > 0;
    }

    await discover(true);
    for (const reader of readers.values()) reader.iterator = await iteratorFor(reader);
    // Passes over the shards: how many have begun, and who waits for an idle one to begin.
    let passes = 0;
    const waiting: { from: number; resolve: () => void }[] = [];
    const done = (async () => {
      // After the iterators' starting points exist, so nothing falls between the two.
      if (fn.backlog) {
        const items = await fn.backlog();
        await deliverAll(
          items.map((item, i) =>
            insertRecordOf(item, streamArn, `backlog-${String(i).padStart(9, "0")}`),
          ),
        );
      }
      let discovered = Date.now();
      let failures = 0;
      while (!abort.signal.aborted) {
        try {
          const pass = ++passes;
          // Someone waits to see the stream caught up: look for new shards first.
          if (waiting.length > 0) {
            await discover(false);
            discovered = Date.now();
          }
          const before = readers.size;
          let busy = false;
          for (const reader of [...readers.values()]) {
            // A child shard waits until its parent is read to its end, so order per key holds.
            if (reader.parentId && readers.has(reader.parentId)) continue;
            if (abort.signal.aborted) break;
            busy = (await poll(reader)) || busy;
          }
          if (readers.size < before || Date.now() - discovered >= discoveryIntervalMs) {
            await discover(false);
            discovered = Date.now();
          }
          failures = 0;
          if (!busy) {
            for (const waiter of waiting.filter((w) => w.from <= pass)) {
              waiting.splice(waiting.indexOf(waiter), 1);
              waiter.resolve();
            }
            await sleep(pollIntervalMs);
          }
        } catch (error) {
          failures++;
          logger.warn("stream polling failed", { function: fn.name, error: error as Error });
          await sleep(Math.min(5000, 100 * 2 ** failures));
        }
      }
    })();
    const caughtUp = () =>
      new Promise<void>((resolve) => waiting.push({ from: passes + 1, resolve }));
    return { done, caughtUp };
  }

  const started = await Promise.all(options.functions.map((fn) => runFunction(fn)));
  const running = started.map((fn) => fn.done);
  return {
    async stop() {
      abort.abort();
      await Promise.allSettled(running);
      if (!options.streams) streams.destroy();
    },
    async caughtUp() {
      caughtUpAskedAt = performance.now();
      await Promise.all(started.map((fn) => fn.caughtUp()));
    },
  };
}
