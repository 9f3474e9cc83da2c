/*
 * Idempotency records (one table, keys pk/sk, TTL attribute expires_at_epoch):
 *
 * | item   | pk                   | sk          | attributes                                              |
 * |--------|----------------------|-------------|---------------------------------------------------------|
 * | record | IDEMPOTENCY#<scope>  | KEY#<key>   | fingerprint, status, headers, body (JSON text), request_id?, created_at, expires_at_epoch |
 *
 * A record is written in the same transaction as the change it guards, so the change and its
 * record exist together or not at all. It lives 24 hours; DynamoDB's TTL deletes it lazily, so
 * readers and the put's condition treat an expired record as absent. `request_id` (written by
 * `once.ts`) tells a request's own earlier try, whose answer was lost, from a duplicate's.
 */
import { tableName } from "#platform/db/client";
import { key } from "#platform/db/keys";
import { tableDefinition, timeToLive } from "#platform/db/table-definition";
import type { TransactItem } from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import { type HttpResult, json } from "#platform/http/response";

/** How long a key is remembered after its first use. */
export const IDEMPOTENCY_TTL_MS = 24 * 60 * 60 * 1000;

/** One key in one scope (an account, say): keys of different scopes never meet. */
export interface IdempotencyRef {
  scope: string;
  key: string;
}

/** The response a first request got, kept to be replayed. */
export interface StoredResponse {
  status: number;
  headers: Record<string, string>;
  body: unknown;
}

/** What the record says about a request: go ahead, or answer with the stored response. */
export type IdempotencyOutcome = { kind: "new" } | { kind: "replay"; response: StoredResponse };

/** The table key of the record of `ref`. */
export const idempotencyRecordKey = (ref: IdempotencyRef) => ({
  pk: key("IDEMPOTENCY", ref.scope),
  sk: key("KEY", ref.key),
});

/** The `type` of a record item: how a transaction's record is told from its other items. */
export const IDEMPOTENCY_RECORD_TYPE = "idempotency_record";

const TTL_ATTRIBUTE = tableDefinition.timeToLiveAttribute;
const epochSeconds = (ms: number) => Math.floor(ms / 1000);

const keyReused = () =>
  new DomainError(
    "idempotency_key_reused",
    "This Idempotency-Key was already used with a different request",
  );

/**
 * Judges a request against the stored record of its key (undefined: none): new when there is
 * no live record; the stored response when the fingerprint matches; 422
 * `idempotency_key_reused` when the key was used for a different request.
 */
export function judgeIdempotency(
  record: Record<string, unknown> | undefined,
  fingerprint: string,
  nowMs: number,
): IdempotencyOutcome {
  if (!record || Number(record[TTL_ATTRIBUTE]) <= epochSeconds(nowMs)) return { kind: "new" };
  if (record.fingerprint !== fingerprint) throw keyReused();
  return {
    kind: "replay",
    response: {
      status: Number(record.status),
      headers: (record.headers as Record<string, string> | undefined) ?? {},
      body: JSON.parse(record.body as string),
    },
  };
}

/**
 * The Put of a record as one item of the guarded transaction: it fails (handing back the
 * record that won) when a live record of the key exists, so concurrent duplicates commit once.
 */
export function idempotencyRecordPut(
  ref: IdempotencyRef,
  fingerprint: string,
  response: StoredResponse,
  nowMs: number,
  requestId?: string,
): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: {
        ...idempotencyRecordKey(ref),
        type: IDEMPOTENCY_RECORD_TYPE,
        fingerprint,
        ...(requestId ? { request_id: requestId } : {}),
        status: response.status,
        headers: response.headers,
        body: JSON.stringify(response.body),
        created_at: new Date(nowMs).toISOString(),
        ...timeToLive(nowMs + IDEMPOTENCY_TTL_MS),
      },
      ConditionExpression: "attribute_not_exists(pk) OR #expires <= :now",
      ExpressionAttributeNames: { "#expires": TTL_ATTRIBUTE },
      ExpressionAttributeValues: { ":now": epochSeconds(nowMs) },
      ReturnValuesOnConditionCheckFailure: "ALL_OLD",
    },
  };
}

/** The HTTP response for a stored response: a replay says so with `Idempotent-Replayed: true`. */
export function idempotentResult(response: StoredResponse, replayed: boolean): HttpResult {
  return json(response.status, response.body, {
    ...response.headers,
    ...(replayed ? { "idempotent-replayed": "true" } : {}),
  });
}
