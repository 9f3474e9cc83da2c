import { randomUUID } from "node:crypto";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "#platform/db/client";
import {
  conditionFailureItem,
  isConditionFailure,
  isOwnEarlierWrite,
} from "#platform/db/transactions";
import { FAILED, PENDING, statusPartition } from "./work-item";

type Key = Record<string, string>;
type Item = Record<string, unknown>;

/** What a claim found: the item, now ours; a live claim of someone else; or nothing to do. */
export type ClaimResult =
  | { outcome: "claimed"; item: Item }
  | { outcome: "held"; leaseUntil: number }
  | { outcome: "nothing_to_do"; status: string | undefined };

/**
 * Claims pending work for `leaseMs`: only if it is still pending and nobody else holds a live
 * claim. This is what makes a redelivered stream record do nothing twice.
 */
export async function claimWork(
  key: Key,
  token: string,
  leaseMs: number,
  now = Date.now(),
): Promise<ClaimResult> {
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression:
          "SET attempts = if_not_exists(attempts, :zero) + :one, lease_until = :until, claim_token = :token, updated_at = :now",
        ConditionExpression:
          "#status = :pending AND (attribute_not_exists(lease_until) OR lease_until < :epoch)",
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

/** Whether our claim still held when we wrote (false: it lapsed and someone else took over). */
async function writeUnderClaim(
  key: Key,
  token: string,
  update: { expression: string; names?: Record<string, string>; values: Record<string, unknown> },
): Promise<boolean> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: key,
        UpdateExpression: `${update.expression} REMOVE lease_until, claim_token`,
        ConditionExpression: "claim_token = :token",
        ...(update.names ? { ExpressionAttributeNames: update.names } : {}),
        ExpressionAttributeValues: {
          ...update.values,
          ":token": token,
          ":now": new Date().toISOString(),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionFailure(error)) return false;
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

/** Records the work done, with the domain's final status and attributes (e.g. a message id). */
export function completeWork(
  work: WorkRef,
  status: string,
  attributes: Record<string, string | number> = {},
): Promise<boolean> {
  const names = Object.keys(attributes);
  const sets = names.map((_, i) => `#a${i} = :a${i}`);
  return writeUnderClaim(work.key, work.token, {
    expression: ["SET #status = :status, gsi1pk = :partition, updated_at = :now", ...sets].join(
      ", ",
    ),
    names: { "#status": "status", ...Object.fromEntries(names.map((name, i) => [`#a${i}`, name])) },
    values: {
      ":status": status,
      ":partition": statusPartition(work.kind, status, work.id),
      ...Object.fromEntries(names.map((name, i) => [`:a${i}`, attributes[name]])),
    },
  });
}

/** Hands the work back for a later attempt, noting why this one failed. */
export const releaseWork = (work: WorkRef, error: string) =>
  writeUnderClaim(work.key, work.token, {
    expression: "SET last_error = :error, updated_at = :now",
    values: { ":error": error },
  });

/** Gives the work up after its last attempt: `failed`, with the error as its detail. */
export const failWork = (work: WorkRef, error: string) =>
  writeUnderClaim(work.key, work.token, {
    expression:
      "SET #status = :failed, gsi1pk = :partition, detail = :error, last_error = :error, updated_at = :now",
    names: { "#status": "status" },
    values: {
      ":failed": FAILED,
      ":partition": statusPartition(work.kind, FAILED, work.id),
      ":error": error,
    },
  });

/** What a re-queue found: the item, pending again; or why it was not re-queued. */
export type RequeueResult =
  | { outcome: "requeued"; item: Item }
  | { outcome: "not_failed"; item: Item }
  | { outcome: "not_found" };

/**
 * Puts failed work back to pending with a fresh set of attempts. The change from failed to
 * pending is itself what invokes the consumer again (see `stream-filter.ts`).
 */
export async function requeueFailedWork(work: {
  key: Key;
  kind: string;
  id: string;
}): Promise<RequeueResult> {
  const token = randomUUID();
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: work.key,
        UpdateExpression:
          "SET #status = :pending, gsi1pk = :partition, attempts = :zero, requeues = if_not_exists(requeues, :zero) + :one, requeue_token = :token, updated_at = :now REMOVE detail",
        ConditionExpression: "#status = :failed AND outbox_kind = :kind",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":pending": PENDING,
          ":failed": FAILED,
          ":kind": work.kind,
          ":partition": statusPartition(work.kind, PENDING, work.id),
          ":zero": 0,
          ":one": 1,
          ":token": token,
          ":now": new Date().toISOString(),
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
