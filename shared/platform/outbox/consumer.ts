import { randomUUID } from "node:crypto";
import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type {
  Context,
  DynamoDBBatchResponse,
  DynamoDBRecord,
  DynamoDBStreamEvent,
} from "aws-lambda";
import { clock } from "#platform/clock";
import { backoff } from "#platform/db/backoff";
import type { TransactItem } from "#platform/db/transactions";
import { countMetric, invocationRunner } from "#platform/observability/invocation-metrics";
import { logger } from "#platform/observability/logger";
import type { MetricDefinition } from "#platform/observability/metrics";
import { platformMetrics } from "#platform/observability/platform-metrics";
import { FAILED } from "./work-item";
import {
  claimWork,
  completeUnclaimedWork,
  completeWork,
  deferWork,
  failWork,
  releaseWork,
  type WorkAttributes,
} from "./work-store";

type Item = Record<string, unknown>;
/** A metric counted with no dimension of its own (the invocation adds `function` where it has one). */
type CountedMetric = MetricDefinition<"function">;

/**
 * How an attempt ended: done, with the domain's final status and what to record with it; or
 * failed and deferred to a later attempt at `retryAt` (epoch ms), which a scheduled pass makes
 * (`due-work.ts`), for work retried over days rather than within a stream's hours.
 */
export type WorkOutcome =
  | DoneOutcome
  | { retryAt: number; error: string; attributes?: WorkAttributes };

/** Work done: the domain's final status, and what to record with it. */
export type DoneOutcome = { status: string; attributes?: WorkAttributes };

/**
 * What a domain writes in the very transaction that records its work `failed` (after the last
 * attempt, on an error not worth retrying, or by the stale sweeper): e.g. a webhook event, so
 * that the give-up and its announcement commit together or not at all. Given the item as it
 * stood (the claim's, or the index's for a swept one: only attributes that never change are
 * safe to rely on), the detail recorded and the time (epoch ms).
 */
export type FailedWrites = (item: Item, detail: string, now: number) => TransactItem[];

/**
 * The batch a work item came in: a stream batch, or a scheduled pass. Every item of it was
 * committed before `receivedAt` (`performance.now()` of this process), so a read that starts
 * later sees whatever was committed before any of them, and may serve the whole batch.
 */
export interface WorkBatch {
  receivedAt: number;
}

/** A kind of outbox work and how to do it. */
export interface OutboxWork {
  kind: string;
  /** Does the work for a claimed item (its current state, not the stream's image). */
  perform(item: Item, batch: WorkBatch): Promise<WorkOutcome>;
  /**
   * The outcome of work that turns out to need no claim: given the stream's image (so only
   * attributes that never change are safe to rely on), the final status when the work has
   * nothing to write that a second attempt could write twice (a fan-out to no endpoint), else
   * undefined. Recorded with one conditional write instead of a claim and a result; if that
   * write finds the work no longer pending and unclaimed, the claimed path takes over.
   */
  finishUnclaimed?(image: Item, batch: WorkBatch): Promise<DoneOutcome | undefined>;
  /** Whether an error is worth another attempt (default: every error is). */
  isRetryable?(error: unknown): boolean;
  /** Attempts before the work is recorded `failed` (default 5). */
  maxAttempts?: number;
  /** Items written in the transaction that records the work `failed` (FailedWrites). */
  failedWrites?: FailedWrites;
  /** The catalogue metrics counting how its attempts end: done, failed to retry, given up. */
  metrics?: { done: CountedMetric; attemptFailed: CountedMetric; failed: CountedMetric };
}

/** What a stream function is given besides its event (Lambda's context, or the local runner's). */
export type StreamContext = Pick<Context, "awsRequestId" | "getRemainingTimeInMillis">;

/** A DynamoDB stream handler that reports partial batch failures. */
export type StreamHandler = (
  event: DynamoDBStreamEvent,
  context: StreamContext,
) => Promise<DynamoDBBatchResponse>;

/** How long a claim holds and how attempts are spaced (tests shorten both), and who it is. */
export interface ConsumerOptions {
  leaseMs?: number;
  retryBaseMs?: number;
  /** Its name in metrics: the stream function's entry without `.ts`. */
  functionName?: string;
  /**
   * For work a scheduled pass also drives (it takes pending work the stream left alone, once its
   * claim lapses): a record whose item another claim holds is left to that pass at once. Waiting
   * out the claim would hold up every record of the batch with it (after a crash: the lease).
   */
  leaveHeldToDuePass?: boolean;
}

// A claim must outlast the work it covers (one provider call with its timeout, two writes):
// a lapsed claim lets another consumer do the work again.
const DEFAULT_LEASE_MS = Number(process.env.OUTBOX_LEASE_MS) || 20_000;
const DEFAULT_RETRY_BASE_MS = Number(process.env.OUTBOX_RETRY_BASE_MS) || 500;
const RETRY_CAP_MS = 8_000;
const DEFAULT_MAX_ATTEMPTS = 5;
const ERROR_TEXT_LIMIT = 500;

/** An error as recorded on the item and shown to operators: its name and message, bounded. */
export function describeError(error: unknown): string {
  const { name, message } =
    error instanceof Error ? error : { name: "Error", message: String(error) };
  return `${name}: ${message}`.slice(0, ERROR_TEXT_LIMIT);
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A record's fate: done (whatever the work's outcome), or to be delivered again. */
export type RecordResult = { retry: false } | { retry: true; attempt: number };

/**
 * One claimed attempt at one work item, as both the stream consumer and the scheduled pass make
 * it: claim (waiting until `deadline` for a live claim of someone else to lapse), perform,
 * record the outcome under the claim. `retry: true` asks the caller to come back later.
 */
export function workAttempt(work: OutboxWork, leaseMs: number, leaveHeld = false) {
  const maxAttempts = work.maxAttempts ?? DEFAULT_MAX_ATTEMPTS;
  const count = (outcome: keyof NonNullable<OutboxWork["metrics"]>) => {
    const metric = work.metrics?.[outcome];
    if (metric) countMetric(metric);
  };
  return async function attempt(
    key: Record<string, string>,
    deadline: number,
    batch: WorkBatch,
  ): Promise<RecordResult> {
    const token = randomUUID();
    let claim = await claimWork(key, token, leaseMs);
    // A live claim on redelivered work is most likely a consumer that died mid-work: wait for
    // it to lapse (polling, in case it finishes) rather than burn the stream's retries, unless
    // a scheduled pass takes such work anyway.
    while (!leaveHeld && claim.outcome === "held" && claim.leaseUntil < deadline) {
      await sleep(Math.min(1_000, Math.max(10, claim.leaseUntil - Date.now() + 10)));
      claim = await claimWork(key, token, leaseMs);
    }
    if (claim.outcome === "held") {
      if (!leaveHeld) return { retry: true, attempt: 0 };
      logger.info("outbox work held by another claim, left to the scheduled pass", {
        kind: work.kind,
        lease_until: new Date(claim.leaseUntil).toISOString(),
      });
      return { retry: false };
    }
    if (claim.outcome === "nothing_to_do") return { retry: false };
    const item = claim.item;
    const ref = { key, kind: work.kind, id: item.outbox_id as string, token };
    const attempt = item.attempts as number;
    const keys = { kind: work.kind, id: ref.id, attempt };
    let outcome: WorkOutcome;
    try {
      outcome = await work.perform(item, batch);
    } catch (error) {
      const text = describeError(error);
      if (attempt >= maxAttempts || !(work.isRetryable?.(error) ?? true)) {
        const now = clock.now();
        await failWork(ref, text, work.failedWrites?.(item, text, now) ?? [], now);
        count("failed");
        logger.error("outbox work failed", { ...keys, error: text });
        return { retry: false };
      }
      await releaseWork(ref, text);
      count("attemptFailed");
      logger.warn("outbox work attempt failed", { ...keys, error: text });
      return { retry: true, attempt };
    }
    if ("retryAt" in outcome) {
      if (!(await deferWork(ref, outcome.retryAt, outcome.error, outcome.attributes))) {
        logger.warn("outbox claim lapsed before its deferral was recorded", keys);
      }
      count("attemptFailed");
      logger.warn("outbox work attempt failed, deferred", {
        ...keys,
        error: outcome.error,
        retry_at: new Date(outcome.retryAt).toISOString(),
      });
      return { retry: false };
    }
    if (!(await completeWork(ref, outcome.status, outcome.attributes))) {
      logger.warn("outbox claim lapsed before its result was recorded", keys);
    }
    count(outcome.status === FAILED ? "failed" : "done");
    logger.info("outbox work done", { ...keys, status: outcome.status });
    return { retry: false };
  };
}

/**
 * The stream function of one kind of outbox work. Each record's item is claimed (a redelivered
 * record finds it claimed or finished and does nothing), worked on, and recorded: done with the
 * domain's status, or handed back and reported as a batch item failure so the stream delivers
 * it again, or — after the last attempt, or an error not worth retrying — `failed`; or deferred
 * to a scheduled attempt when the work says so.
 */
export function outboxConsumer(
  work: OutboxWork,
  {
    leaseMs = DEFAULT_LEASE_MS,
    retryBaseMs = DEFAULT_RETRY_BASE_MS,
    functionName = `outbox/${work.kind}`,
    leaveHeldToDuePass = false,
  }: ConsumerOptions = {},
): StreamHandler {
  const invoke = invocationRunner(functionName);
  const perform = workAttempt(work, leaseMs, leaveHeldToDuePass);

  async function handleRecord(
    record: DynamoDBRecord,
    deadline: number,
    batch: WorkBatch,
  ): Promise<RecordResult> {
    const image = record.dynamodb?.NewImage;
    const keys = record.dynamodb?.Keys;
    if (!image || !keys || image.outbox_kind?.S !== work.kind) return { retry: false };
    try {
      const key = unmarshall(keys as Record<string, AttributeValue>) as Record<string, string>;
      if (await finishedUnclaimed(key, image as Record<string, AttributeValue>, batch)) {
        return { retry: false };
      }
      return await perform(key, deadline, batch);
    } catch (error) {
      // The store failed us (the work itself is handled above): deliver the record again.
      logger.warn("outbox record not processed", {
        kind: work.kind,
        sequence_number: record.dynamodb?.SequenceNumber,
        error: error as Error,
      });
      return { retry: true, attempt: 0 };
    }
  }

  /** Whether the work was finished without a claim (see `OutboxWork.finishUnclaimed`). */
  async function finishedUnclaimed(
    key: Record<string, string>,
    image: Record<string, AttributeValue>,
    batch: WorkBatch,
  ): Promise<boolean> {
    if (!work.finishUnclaimed) return false;
    const item = unmarshall(image);
    const outcome = await work.finishUnclaimed(item, batch);
    if (!outcome) return false;
    const ref = { key, kind: work.kind, id: item.outbox_id as string };
    if (!(await completeUnclaimedWork(ref, outcome.status, outcome.attributes))) return false;
    if (work.metrics) countMetric(work.metrics.done);
    logger.info("outbox work done", {
      kind: work.kind,
      id: ref.id,
      status: outcome.status,
      unclaimed: true,
    });
    return true;
  }

  return (event, context) => invoke(context.awsRequestId, () => handleBatch(event, context));

  async function handleBatch(
    event: DynamoDBStreamEvent,
    context: StreamContext,
  ): Promise<DynamoDBBatchResponse> {
    const started = Date.now();
    const batch = { receivedAt: performance.now() };
    const remaining = context.getRemainingTimeInMillis?.() ?? 60_000;
    // Waiting for another's claim must leave time for the work and its record after it.
    const deadline = started + remaining - leaseMs;
    const results = await Promise.all(
      event.Records.map((record) => handleRecord(record, deadline, batch)),
    );
    const retried = event.Records.filter((_, i) => results[i]?.retry);
    if (retried.length > 0) {
      // The stream redelivers at once: space the attempts out here, within the time left.
      const attempt = Math.max(...results.map((r) => (r.retry ? r.attempt : 0)));
      const left = started + remaining - Date.now() - 1_000;
      if (left > 0) await Promise.race([backoff(attempt, retryBaseMs, RETRY_CAP_MS), sleep(left)]);
    }
    countMetric(platformMetrics.StreamRecordsRetried, retried.length);
    return {
      batchItemFailures: retried.map((record) => ({
        itemIdentifier: record.dynamodb?.SequenceNumber ?? "",
      })),
    };
  }
}
