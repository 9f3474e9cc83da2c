import { randomBytes } from "node:crypto";
import {
  type KeyVerdict,
  managerKeyMode,
  OPERATOR_KEY_BYTES,
  OPERATOR_KEY_ID_BYTES,
  type OperatorKeyRecord,
  presentedOperatorKey,
  verdictOf,
} from "#operators/core/operator-key";
import {
  listOperatorKeys,
  putOperatorKey,
  revokeOperatorKey,
  touchOperatorKey,
} from "#operators/store/operator-key-store";
import { nowIso } from "#platform/clock";
import { keyedHash } from "#platform/crypto/hash-key";
import { DomainError } from "#platform/errors";

/** Creates a key: the only time its raw value exists outside the holder's hands. */
export async function createOperatorKey(name: string) {
  const key = `op_${randomBytes(OPERATOR_KEY_BYTES).toString("base64url")}`;
  const record: OperatorKeyRecord = {
    id: `opk_${randomBytes(OPERATOR_KEY_ID_BYTES).toString("base64url")}`,
    name,
    keyHash: await keyedHash(key),
    createdAt: nowIso(),
    lastUsedAt: null,
    revokedAt: null,
  };
  await putOperatorKey(record);
  return { id: record.id, name: record.name, key, created_at: record.createdAt };
}

/** What a key's listing shows: never the key, nor its hash. */
export const operatorKeyView = (record: OperatorKeyRecord) => ({
  id: record.id,
  name: record.name,
  created_at: record.createdAt,
  last_used_at: record.lastUsedAt,
  revoked_at: record.revokedAt,
});

export async function listKeys(page: { limit: number; cursor?: string | undefined }) {
  const { items, next_cursor } = await listOperatorKeys(page);
  return { items: items.map(operatorKeyView), next_cursor };
}

export const revokeKey = (id: string) => revokeOperatorKey(id, nowIso());

/** What a presented `Authorization` header is worth, marking a live key used. */
export async function judgeOperatorKey(authorization: string | undefined): Promise<KeyVerdict> {
  const key = presentedOperatorKey(authorization);
  if (!key) return "unknown";
  return verdictOf(await touchOperatorKey(await keyedHash(key), nowIso()));
}

/**
 * The manager-key check every manager route runs after the address check: with
 * `MANAGER_KEYS=required`, 401 `unauthenticated` without a live key (none, malformed, unknown)
 * and 403 `forbidden` for a revoked one; with `off`, the address alone.
 */
export async function checkOperatorKey(authorization: string | undefined): Promise<void> {
  if (managerKeyMode(process.env.MANAGER_KEYS) === "off") return;
  const verdict = await judgeOperatorKey(authorization);
  if (verdict === "unknown") {
    throw new DomainError("unauthenticated", "Manager routes need a live operator key");
  }
  if (verdict === "revoked") throw new DomainError("forbidden", "This operator key is revoked");
}
