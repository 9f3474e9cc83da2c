import { randomUUID } from "node:crypto";
import { clock } from "#platform/clock";
import { tableName } from "#platform/db/client";
import { queryAll } from "#platform/db/query-page";
import { invocationRunner } from "#platform/observability/invocation-metrics";
import { logger } from "#platform/observability/logger";
import type { OutboxWork } from "./consumer";
import { workAttempt } from "./consumer";
import { outboxIndex, PENDING, statusShards } from "./work-item";

/**
 * How long new work is left to the stream before a scheduled pass takes it too: the stream
 * hands it over within a second; a pass that raced it for fresh work would only lose claims.
 */
export const STREAM_GRACE_MS = 30_000;

/**
 * Pending work of `kind` that is due at `now`: deferred work whose `next_attempt_at` has come,
 * and work the stream has left alone for `STREAM_GRACE_MS`. A Query per status shard, up to the
 * due time on the index's sort key (a deferral moves the item's place there): no Scan.
 */
export async function dueWork(
  kind: string,
  now = clock.now(),
  graceMs = STREAM_GRACE_MS,
): Promise<Record<string, string>[]> {
  const shards = await Promise.all(
    statusShards(kind, PENDING).map((shard) =>
      queryAll({
        TableName: tableName,
        IndexName: outboxIndex.indexName,
        KeyConditionExpression: "#pk = :pk AND #sk <= :due",
        FilterExpression:
          "(attribute_exists(next_attempt_at) AND next_attempt_at <= :now) OR created_at < :fresh",
        ExpressionAttributeNames: { "#pk": outboxIndex.partitionKey, "#sk": outboxIndex.sortKey },
        ExpressionAttributeValues: {
          ":pk": shard,
          // Sort keys are `<ISO time>#<id>`: every key of a time at or before now sorts below.
          ":due": `${new Date(now).toISOString()}#\uffff`,
          ":now": now,
          ":fresh": new Date(now - graceMs).toISOString(),
        },
        ProjectionExpression: "pk, sk",
      }),
    ),
  );
  return shards.flat() as Record<string, string>[];
}

/** How a scheduled pass runs: its lease, how often it looks again, and its name in metrics. */
export interface DuePassOptions {
  leaseMs?: number;
  /** Within one invocation, how often it looks for due work again (default 5 s). */
  passEveryMs?: number;
  /** Time it leaves unused at the end of its invocation (default 15 s). */
  reserveMs?: number;
  functionName: string;
  /** At most this many items worked on at once. */
  concurrency?: number;
  /** Run once per invocation, inside it and before its first pass: e.g. how far behind the work is. */
  onInvocation?: () => Promise<unknown>;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One pass over the due work of each kind: every item claimed and attempted as the stream
 * consumer would (the claim keeps a pass and the stream from doing it twice). Returns how many
 * attempts it made per kind.
 */
export async function runDueWork(
  works: readonly OutboxWork[],
  { leaseMs = 20_000, concurrency = 16 }: Pick<DuePassOptions, "leaseMs" | "concurrency"> = {},
): Promise<Record<string, number>> {
  const made: Record<string, number> = {};
  for (const work of works) {
    const attempt = workAttempt(work, leaseMs);
    const due = await dueWork(work.kind);
    // Every item the pass found was committed before it looked.
    const batch = { receivedAt: performance.now() };
    made[work.kind] = due.length;
    // A held claim is another's attempt in progress: leave it to them (deadline: now).
    const queue = [...due];
    const workers = Array.from({ length: Math.min(concurrency, queue.length) }, async () => {
      for (let key = queue.shift(); key; key = queue.shift()) {
        try {
          await attempt({ pk: key.pk, sk: key.sk } as Record<string, string>, 0, batch);
        } catch (error) {
          // The store failed us: the item stays due, and the next pass takes it again.
          logger.warn("due outbox work not processed", { kind: work.kind, error: error as Error });
        }
      }
    });
    await Promise.all(workers);
  }
  return made;
}

/**
 * The handler of a scheduled function that makes the deferred attempts of these kinds. A
 * schedule fires at most once a minute, and retries are due seconds apart: within one
 * invocation it passes every `passEveryMs` until `reserveMs` before its timeout. Called with no
 * Lambda context (the local runtime's timer, a test), it makes one pass.
 */
export function dueWorkHandler(works: readonly OutboxWork[], options: DuePassOptions) {
  const invoke = invocationRunner(options.functionName);
  const passEveryMs = options.passEveryMs ?? 5_000;
  const reserveMs = options.reserveMs ?? 15_000;
  return (
    _event?: unknown,
    context?: { awsRequestId?: string; getRemainingTimeInMillis?: () => number },
  ) =>
    invoke(context?.awsRequestId ?? randomUUID(), async () => {
      const totals: Record<string, number> = {};
      const add = (made: Record<string, number>) => {
        for (const [kind, n] of Object.entries(made)) totals[kind] = (totals[kind] ?? 0) + n;
      };
      await options.onInvocation?.();
      add(await runDueWork(works, options));
      const remaining = context?.getRemainingTimeInMillis;
      while (remaining && remaining() > reserveMs + passEveryMs) {
        await sleep(passEveryMs);
        add(await runDueWork(works, options));
      }
      return totals;
    });
}
