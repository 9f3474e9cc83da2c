/**
 * Operator keys: what a manager presents, besides a manager address, when `MANAGER_KEYS` is
 * `required`. Pure: shapes, modes and the record; the randomness and the keyed hash are the
 * use cases' (the key is never stored, only its keyed hash).
 */

/** A key is `op_` and 32 random bytes (256 bits) in base64url: 43 characters. */
export const OPERATOR_KEY_BYTES = 32;
const OPERATOR_KEY_PATTERN = /^op_[A-Za-z0-9_-]{43}$/;
/** A key's id is `opk_` and 16 random bytes in base64url: it names the key, it opens nothing. */
export const OPERATOR_KEY_ID_BYTES = 16;
export const OPERATOR_KEY_ID_PATTERN = /^opk_[A-Za-z0-9_-]{22}$/;
export const OPERATOR_KEY_NAME_MAX = 100;

/** One operator key as stored: never the key itself. */
export interface OperatorKeyRecord {
  id: string;
  name: string;
  /** HMAC-SHA-256 of the key under the server's hashing key, hex. */
  keyHash: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** What a manager route asks of a caller at a manager address: a live key, or nothing more. */
export type ManagerKeyMode = "required" | "off";

/**
 * The mode `MANAGER_KEYS` names; unset is `required` (the deployed default: fail closed; the
 * local runtime sets `off` itself). Anything else is a configuration error.
 */
export function managerKeyMode(value: string | undefined): ManagerKeyMode {
  if (value === undefined || value === "" || value === "required") return "required";
  if (value === "off") return "off";
  throw new Error(`MANAGER_KEYS must be "required" or "off", not ${JSON.stringify(value)}`);
}

/** The operator key an `Authorization: Bearer op_…` header carries, if it has that shape. */
export function presentedOperatorKey(authorization: string | undefined): string | undefined {
  const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization ?? "");
  const key = match?.[1];
  return key && OPERATOR_KEY_PATTERN.test(key) ? key : undefined;
}

/** What a presented key earns: a manager's rights, nothing (401), or a refusal (403). */
export type KeyVerdict = "live" | "unknown" | "revoked";

export function verdictOf(record: OperatorKeyRecord | undefined): KeyVerdict {
  if (!record) return "unknown";
  return record.revokedAt === null ? "live" : "revoked";
}
