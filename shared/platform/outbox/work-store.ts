import { randomUUID } from "node:crypto";
import { TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { clock } from "#platform/clock";
import { db, tableName } from "#platform/db/client";
import {
  cancellationReasons,
  conditionFailureItem,
  isConditionFailure,
  isOwnEarlierWrite,
  type TransactItem,
} from "#platform/db/transactions";
import { FAILED, PENDING, statusPartition, statusSort } from "./work-item";

type Key = Record<string, string>;
type Item = Record<string, unknown>;

/** Nobody holds a live claim, and the work is not deferred to a later attempt (`:epoch`: now). */
const UNCLAIMED_AND_DUE =
  "(attribute_not_exists(lease_until) OR lease_until < :epoch) AND " +
  "(attribute_not_exists(next_attempt_at) OR next_attempt_at <= :epoch)";

/** What a claim found: the item, now ours; a live claim of someone else; or nothing to do. */
export type ClaimResult =
  | { outcome: "claimed"; item: Item }
  | { outcome: "held"; leaseUntil: number }
  | { outcome: "nothing_to_do"; status: string | undefined };

/**
 * Claims pending work for `leaseMs`: only if it is still pending, due (work deferred to a later
 * attempt is not, before its `next_attempt_at`) and nobody else holds a live claim. This is what
 * makes a redelivered stream record, or a scheduled pass racing the stream, do nothing twice.
 */
export async function claimWork(
  key: Key,
  token: string,
  leaseMs: number,
  now = clock.now(),
): Promise<ClaimResult> {
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression:
          "SET attempts = if_not_exists(attempts, :zero) + :one, lease_until = :until, claim_token = :token, updated_at = :now",
        ConditionExpression: `#status = :pending AND ${UNCLAIMED_AND_DUE}`,
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":zero": 0,
          ":one": 1,
          ":until": now + leaseMs,
          ":token": token,
          ":now": new Date(now).toISOString(),
          ":pending": PENDING,
          ":epoch": now,
        },
        ReturnValues: "ALL_NEW",
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
    return { outcome: "claimed", item: Attributes as Item };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = conditionFailureItem(error);
    // Our own claim, sent again by the SDK after its answer was lost: it holds.
    if (current && isOwnEarlierWrite(error, { claim_token: token })) {
      return { outcome: "claimed", item: current };
    }
    if (current?.status === PENDING && typeof current.lease_until === "number") {
      return { outcome: "held", leaseUntil: current.lease_until };
    }
    return { outcome: "nothing_to_do", status: current?.status as string | undefined };
  }
}

/**
 * Whether our claim still held when we wrote (false: it lapsed and someone else took over).
 * `alongside` (a domain's items, e.g. the event of a give-up) commit in one transaction with
 * the update, or not at all.
 */
async function writeUnderClaim(
  key: Key,
  token: string,
  update: {
    expression: string;
    /** Attributes (or their `#names`) removed besides the claim's own. */
    removes?: readonly string[];
    names?: Record<string, string>;
    values: Record<string, unknown>;
  },
  alongside: readonly TransactItem[] = [],
  now = clock.now(),
): Promise<boolean> {
  const write = {
    TableName: tableName,
    Key: key,
    UpdateExpression: `${update.expression} REMOVE ${[...(update.removes ?? []), "lease_until", "claim_token"].join(", ")}`,
    ConditionExpression: "claim_token = :token",
    ...(update.names ? { ExpressionAttributeNames: update.names } : {}),
    ExpressionAttributeValues: {
      ...update.values,
      ":token": token,
      ":now": new Date(now).toISOString(),
    },
  };
  try {
    if (alongside.length === 0) await db.send(new UpdateCommand(write));
    else {
      await db.send(new TransactWriteCommand({ TransactItems: [{ Update: write }, ...alongside] }));
    }
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    if (cancellationReasons(error)?.[0]?.code === "ConditionalCheckFailed") return false;
    throw error;
  }
}

/** The work item of `kind` and `id` as the outbox writes its status. */
interface WorkRef {
  key: Key;
  kind: string;
  id: string;
  token: string;
}

/** A domain's attributes recorded with an outcome; null removes one. */
export type WorkAttributes = Record<string, string | number | null>;

/** The SET and REMOVE clauses, names and values of a domain's attributes. */
function attributeClauses(attributes: WorkAttributes) {
  const entries = Object.entries(attributes);
  const names = Object.fromEntries(entries.map(([name], i) => [`#a${i}`, name]));
  const sets: string[] = [];
  const removes: string[] = [];
  const values: Record<string, unknown> = {};
  entries.forEach(([, value], i) => {
    if (value === null) removes.push(`#a${i}`);
    else {
      sets.push(`#a${i} = :a${i}`);
      values[`:a${i}`] = value;
    }
  });
  return { sets, removes, names, values };
}

/**
 * What records work done with `status` and the domain's attributes: the status, its place on
 * the status index, the time (`:now`), and no more planned attempt.
 */
function doneClauses(
  work: { kind: string; id: string },
  status: string,
  attributes: WorkAttributes,
) {
  const { sets, removes, names, values } = attributeClauses(attributes);
  return {
    sets: ["#status = :status", "gsi1pk = :partition", "updated_at = :now", ...sets],
    removes: ["next_attempt_at", ...removes],
    names: { "#status": "status", ...names },
    values: {
      ":status": status,
      ":partition": statusPartition(work.kind, status, work.id),
      ...values,
    },
  };
}

/** Records the work done, with the domain's final status and attributes (e.g. a message id). */
export function completeWork(
  work: WorkRef,
  status: string,
  attributes: WorkAttributes = {},
): Promise<boolean> {
  const { sets, ...done } = doneClauses(work, status, attributes);
  return writeUnderClaim(work.key, work.token, { expression: `SET ${sets.join(", ")}`, ...done });
}

/**
 * Records work done that needed no claim (it wrote nothing a second attempt could write twice),
 * with its final status and attributes: one write where a claim and a result make two. Only
 * while the work is pending, due and unclaimed, as a claim would be; false otherwise (someone
 * else finished it, holds it, or it waits for a later attempt), for the claimed path to decide.
 * It counts as an attempt.
 */
export async function completeUnclaimedWork(
  work: { key: Key; kind: string; id: string },
  status: string,
  attributes: WorkAttributes = {},
  now = clock.now(),
): Promise<boolean> {
  const { sets, removes, names, values } = doneClauses(work, status, attributes);
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: work.key,
        UpdateExpression: [
          `SET ${[...sets, "attempts = if_not_exists(attempts, :zero) + :one"].join(", ")}`,
          `REMOVE ${[...removes, "lease_until", "claim_token"].join(", ")}`,
        ].join(" "),
        ConditionExpression: `#status = :pending AND ${UNCLAIMED_AND_DUE}`,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: {
          ...values,
          ":now": new Date(now).toISOString(),
          ":zero": 0,
          ":one": 1,
          ":pending": PENDING,
          ":epoch": now,
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
    throw error;
  }
}

/**
 * Hands the work back for an attempt at `retryAt` (epoch ms), noting why this one failed: still
 * pending, but not due before then. Its place on the status index moves to that time, so a
 * scheduled pass finds it by a Query of what is due (see `due-work.ts`) and the stale sweeper
 * counts its staleness from then. For retries spaced over days, which a stream cannot hold.
 */
export function deferWork(
  work: WorkRef,
  retryAt: number,
  error: string,
  attributes: WorkAttributes = {},
): Promise<boolean> {
  const { sets, removes, names, values } = attributeClauses(attributes);
  return writeUnderClaim(work.key, work.token, {
    expression: [
      "SET last_error = :error, next_attempt_at = :at, gsi1sk = :sort, updated_at = :now",
      ...sets,
    ].join(", "),
    removes,
    ...(Object.keys(names).length > 0 ? { names } : {}),
    values: {
      ":error": error,
      ":at": retryAt,
      ":sort": statusSort(new Date(retryAt).toISOString(), work.id),
      ...values,
    },
  });
}

/** Hands the work back for a later attempt, noting why this one failed. */
export const releaseWork = (work: WorkRef, error: string) =>
  writeUnderClaim(work.key, work.token, {
    expression: "SET last_error = :error, updated_at = :now",
    values: { ":error": error },
  });

/**
 * Gives the work up after its last attempt: `failed` at `now`, with the error as its detail;
 * `alongside` (the work's `failedWrites`) in the same transaction.
 */
export const failWork = (
  work: WorkRef,
  error: string,
  alongside: readonly TransactItem[] = [],
  now = clock.now(),
) =>
  writeUnderClaim(
    work.key,
    work.token,
    {
      expression:
        "SET #status = :failed, gsi1pk = :partition, detail = :error, last_error = :error, updated_at = :now",
      names: { "#status": "status" },
      values: {
        ":failed": FAILED,
        ":partition": statusPartition(work.kind, FAILED, work.id),
        ":error": error,
      },
    },
    alongside,
    now,
  );

/** What a re-queue found: the item, pending again; or why it was not re-queued. */
export type RequeueResult =
  | { outcome: "requeued"; item: Item }
  | { outcome: "not_failed"; item: Item }
  | { outcome: "not_found" };

/** Which work a re-queue takes back, and how. */
export interface RequeueOptions {
  /** The statuses work may be re-queued from (default: failed only). */
  from?: readonly string[];
  /** Whether the attempts start again from zero (default true). */
  resetAttempts?: boolean;
  /**
   * Whether it becomes due now (`next_attempt_at`, and its place on the status index): for work
   * whose later attempts a scheduled pass makes (`due-work.ts`), so that re-queuing pending work
   * deferred to later brings its attempt forward.
   */
  dueNow?: boolean;
}

/**
 * Puts failed work (or work of another status in `from`) back to pending. The change from a
 * final status to pending is itself what invokes the consumer again (see `stream-filter.ts`);
 * pending work made due now is taken by the next scheduled pass.
 */
export async function requeueWork(
  work: { key: Key; kind: string; id: string },
  { from = [FAILED], resetAttempts = true, dueNow = false }: RequeueOptions = {},
): Promise<RequeueResult> {
  const token = randomUUID();
  const now = clock.now();
  const nowIso = new Date(now).toISOString();
  const fromValues = Object.fromEntries(from.map((status, i) => [`:from${i}`, status]));
  const sets = [
    "#status = :pending",
    "gsi1pk = :partition",
    ...(resetAttempts ? ["attempts = :zero"] : []),
    "requeues = if_not_exists(requeues, :zero) + :one",
    "requeue_token = :token",
    "updated_at = :now",
    ...(dueNow ? ["next_attempt_at = :epoch", "gsi1sk = :sort"] : []),
  ];
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: work.key,
        UpdateExpression: `SET ${sets.join(", ")} REMOVE detail`,
        ConditionExpression: `#status IN (${Object.keys(fromValues).join(", ")}) AND outbox_kind = :kind`,
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":pending": PENDING,
          ...fromValues,
          ":kind": work.kind,
          ":partition": statusPartition(work.kind, PENDING, work.id),
          ":zero": 0,
          ":one": 1,
          ":token": token,
          ":now": nowIso,
          ...(dueNow ? { ":epoch": now, ":sort": statusSort(nowIso, work.id) } : {}),
        },
        ReturnValues: "ALL_NEW",
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
    return { outcome: "requeued", item: Attributes as Item };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = conditionFailureItem(error);
    if (!current || current.outbox_kind !== work.kind) return { outcome: "not_found" };
    // Our own re-queue, sent again by the SDK after its answer was lost, is not a refusal.
    if (isOwnEarlierWrite(error, { requeue_token: token })) {
      return { outcome: "requeued", item: current };
    }
    return { outcome: "not_failed", item: current };
  }
}

/** Puts failed work back to pending with a fresh set of attempts. */
export const requeueFailedWork = (work: { key: Key; kind: string; id: string }) =>
  requeueWork(work);
