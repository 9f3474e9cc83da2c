import type { OperatorKeyRecord } from "#operators/core/operator-key";
import { idItemKey, KEY_LIST_PARTITION, keyItemKey, keyListSortKey } from "./keys";

/** The key item of a record (the id item is `toOperatorKeyIdItem`). */
export function toOperatorKeyItem(record: OperatorKeyRecord): Record<string, unknown> {
  return {
    ...keyItemKey(record.keyHash),
    gsi1pk: KEY_LIST_PARTITION,
    gsi1sk: keyListSortKey(record.createdAt, record.id),
    id: record.id,
    name: record.name,
    key_hash: record.keyHash,
    created_at: record.createdAt,
    ...(record.lastUsedAt ? { last_used_at: record.lastUsedAt } : {}),
    ...(record.revokedAt ? { revoked_at: record.revokedAt } : {}),
  };
}

export function fromOperatorKeyItem(item: Record<string, unknown>): OperatorKeyRecord {
  return {
    id: String(item.id),
    name: String(item.name),
    keyHash: String(item.key_hash),
    createdAt: String(item.created_at),
    lastUsedAt: (item.last_used_at as string | undefined) ?? null,
    revokedAt: (item.revoked_at as string | undefined) ?? null,
  };
}

/** The item that leads from a key's id to its key item. */
export const toOperatorKeyIdItem = (record: Pick<OperatorKeyRecord, "id" | "keyHash">) => ({
  ...idItemKey(record.id),
  key_hash: record.keyHash,
});
