/*
 * Operator keys in the one table.
 *
 * | item          | pk                 | sk        | gsi1pk   | gsi1sk              | attributes                                              |
 * |---------------|--------------------|-----------|----------|---------------------|---------------------------------------------------------|
 * | operator key  | `OPKEY#<key hash>` | `OPKEY`   | `OPKEYS` | `<created_at>#<id>` | id, name, key_hash, created_at, last_used_at, revoked_at |
 * | key id → hash | `OPKEYID#<id>`     | `OPKEYID` |          |                     | key_hash                                                |
 *
 * The key item is found by the keyed hash (HMAC-SHA-256 under the server's hashing key) of the
 * key a request presents: one consistent read per manager request, the raw key stored nowhere.
 * The id item lets `DELETE /v1/operator-keys/{id}` find the key item. The list is gsi1's
 * `OPKEYS` partition, oldest first. No TTL: a revoked key stays listed with its `revoked_at`.
 */

export const keyItemKey = (keyHash: string) => ({ pk: `OPKEY#${keyHash}`, sk: "OPKEY" });
export const idItemKey = (id: string) => ({ pk: `OPKEYID#${id}`, sk: "OPKEYID" });
export const KEY_LIST_PARTITION = "OPKEYS";
export const keyListSortKey = (createdAt: string, id: string) => `${createdAt}#${id}`;
