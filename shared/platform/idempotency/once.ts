import { createHash, randomUUID } from "node:crypto";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { clock } from "#platform/clock";
import { db, tableName } from "#platform/db/client";
import { key } from "#platform/db/keys";
import { cancellationReasons, type TransactItem } from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import { requestFingerprint } from "./fingerprint";
import {
  IDEMPOTENCY_RECORD_TYPE,
  type IdempotencyRef,
  idempotencyRecordKey,
  idempotencyRecordPut,
  judgeIdempotency,
  type StoredResponse,
} from "./record";

/*
 * A creating request made safe to repeat with an optional `Idempotency-Key`, the same way for
 * every creating route: the key's record is read first (a stored answer is replayed, another
 * request's key is 422 `idempotency_key_reused`); otherwise the use case runs and its own
 * transaction carries the record (`records(response)` hands it its items), so the resource and
 * the record commit together or not at all, and of concurrent duplicates exactly one commits.
 * The loser's transaction fails the record's condition: its store calls `throwIfKeyTaken`
 * first, and the loser answers with the winner's stored response.
 *
 * A scope's records are spread over 16 partitions by a hash of the key (pk
 * `IDEMPOTENCY#<scope>#<0–15>`): a scope as wide as a route (every sign-up) never makes one hot
 * partition, and one key still has exactly one record.
 */

/** How many partitions a scope's records are spread over. */
const SCOPE_PARTITIONS = 16;

/** The record's reference: the scope and the key's partition in it, and the key. */
export function onceRecordRef(scope: string, idempotencyKey: string): IdempotencyRef {
  const partition = createHash("sha256").update(idempotencyKey).digest()[0] ?? 0;
  return { scope: key(scope, partition % SCOPE_PARTITIONS), key: idempotencyKey };
}

/** A stored response whose body is a `T`. */
export type Stored<T> = StoredResponse & { body: T };

/** What a creating request answered: its response, and whether it replays an earlier one. */
export interface IdempotentResult<T = unknown> {
  response: Stored<T>;
  replayed: boolean;
}

/** The items joining the use case's transaction for the response it is about to give. */
export type RecordItems = (response: StoredResponse) => TransactItem[];

/** A creating request as idempotency sees it. */
export interface OnceRequest {
  /** Keys of different scopes never meet: a route, or a route and the caller. */
  scope: string;
  /** The `Idempotency-Key` header; without one the request is simply carried out. */
  key: string | undefined;
  /** Names the operation in the fingerprint. */
  operation: string;
  /** The validated input: equal inputs are the same request. */
  input: unknown;
}

/** Thrown by a store whose transaction failed on the key's record: another request holds it. */
export class IdempotencyKeyTaken extends Error {
  constructor(readonly record: Record<string, unknown> | undefined) {
    super("The Idempotency-Key's record was written by another request");
    this.name = "IdempotencyKeyTaken";
  }
}

/**
 * For a store's catch, before it reads anything else into a cancelled transaction: throws
 * `IdempotencyKeyTaken` (with the record that won) when the idempotency record's condition
 * failed. `items` is the transaction as sent.
 */
export function throwIfKeyTaken(error: unknown, items: readonly TransactItem[]): void {
  const reasons = cancellationReasons(error);
  if (!reasons) return;
  for (const [index, item] of items.entries()) {
    if (item.Put?.Item?.type !== IDEMPOTENCY_RECORD_TYPE) continue;
    const reason = reasons[index];
    if (reason?.code === "ConditionalCheckFailed") throw new IdempotencyKeyTaken(reason.item);
  }
}

/** The key's record, strongly consistent (a concurrent duplicate's commit is seen). */
async function readRecord(ref: IdempotencyRef) {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: idempotencyRecordKey(ref), ConsistentRead: true }),
  );
  return Item;
}

/** The stored response of a record this very request wrote (an earlier try whose answer was lost). */
function ownResponse(
  record: Record<string, unknown> | undefined,
  requestId: string,
  nowMs: number,
) {
  if (record?.request_id !== requestId) return undefined;
  const judged = judgeIdempotency(record, record.fingerprint as string, nowMs);
  return judged.kind === "replay" ? judged.response : undefined;
}

/**
 * Carries out a creating request at most once per `Idempotency-Key`: `create` makes the
 * resource, putting `records(response)` into its own transaction, and returns that response.
 * A repeat of the key's request within 24 hours gets the first response, replayed; a different
 * request with the key gets 422 `idempotency_key_reused`. Without a key, `create` just runs.
 */
export async function once<T>(
  request: OnceRequest,
  create: (records: RecordItems) => Promise<Stored<T>>,
): Promise<IdempotentResult<T>> {
  if (request.key === undefined) return { response: await create(() => []), replayed: false };
  const ref = onceRecordRef(request.scope, request.key);
  const fingerprint = requestFingerprint(request.operation, request.input);
  const judge = (record: Record<string, unknown> | undefined) =>
    judgeIdempotency(record, fingerprint, clock.now());
  const before = judge(await readRecord(ref));
  if (before.kind === "replay") return { response: before.response as Stored<T>, replayed: true };
  const requestId = randomUUID();
  try {
    const response = await create((stored) => [
      idempotencyRecordPut(ref, fingerprint, stored, clock.now(), requestId),
    ]);
    return { response, replayed: false };
  } catch (error) {
    // The key taken by a duplicate that committed first; or the use case refused, perhaps on
    // what that duplicate changed (an email it claimed, a limit it reached): either way, a live
    // record now answers for the key. Without one the error stands.
    const record =
      error instanceof IdempotencyKeyTaken
        ? error.record
        : await readRecord(ref).catch(() => undefined);
    const own = ownResponse(record, requestId, clock.now());
    if (own) return { response: own as Stored<T>, replayed: false };
    const after = judge(record);
    if (after.kind === "replay") return { response: after.response as Stored<T>, replayed: true };
    if (error instanceof IdempotencyKeyTaken) throw DomainError.busy();
    throw error;
  }
}
