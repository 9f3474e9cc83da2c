import { PutCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { assertCodeFree, type CodeClaim } from "#coupons/core/code-rule";
import type { CouponRecord } from "#coupons/core/coupon";
import { type ShardState, termsOf, unwrittenShard } from "#coupons/core/redemption";
import { type ShardUpdate, shardChangeOf, shardWrites } from "#coupons/core/shard-plan";
import { db, tableName } from "#platform/db/client";
import {
  cancellationReasons,
  isConditionFailure,
  isOwnEarlierWrite,
  type TransactItem,
} from "#platform/db/transactions";
import { throwIfKeyTaken } from "#platform/idempotency/once";
import { claimKeyOf, claimsHandedBack, claimWrite, readClaim, unclaimed } from "./code-claims";
import { toCouponItem } from "./coupon-item";
import { readShardCounts } from "./coupon-reads";
import { COUPON_SHARD_TYPE, couponKeys } from "./keys";
import { toShardItem, toShardTombstone } from "./shard-item";

/**
 * The coupon's item is as read: its version, and the redemptions the listings' stream function
 * counted (it writes them to the item, so a change made from an older read would undo them). An
 * item stored before there was a count has none, which reads as 0.
 */
const unchangedSince = (read: CouponRecord) => ({
  ConditionExpression:
    read.counted_redemptions === 0
      ? "version = :version AND (attribute_not_exists(counted_redemptions) OR counted_redemptions = :counted)"
      : "version = :version AND counted_redemptions = :counted",
  ExpressionAttributeValues: { ":version": read.version, ":counted": read.counted_redemptions },
});

/**
 * The coupon's claim writes: moved, resized, dropped or taken, checking the code rule. Each claim
 * comes from `known` (handed back by a cancelled attempt) or is read; a new coupon's code is
 * assumed unclaimed, unread: if it is claimed, the write's condition fails and hands it back.
 */
async function claimItems(
  current: CouponRecord | undefined,
  next: CouponRecord | undefined,
  known: ReadonlyMap<string, CodeClaim>,
): Promise<TransactItem[]> {
  const before = current && claimKeyOf(current);
  const after = next && claimKeyOf(next);
  if (before && after && current && next && before.pk === after.pk) {
    const unchanged =
      current.published_at === next.published_at && current.expire_at === next.expire_at;
    if (unchanged) return [];
  }
  const claimAt = async (key: { pk: string; sk: string }) =>
    known.get(key.pk) ?? (current ? await readClaim(key) : unclaimed(key));
  const [old, taken] = await Promise.all([
    before && before.pk !== after?.pk ? claimAt(before) : undefined,
    after ? claimAt(after) : undefined,
  ]);
  const items: TransactItem[] = [];
  if (old && current) items.push(claimWrite(old, current.id, undefined));
  if (taken && next) {
    assertCodeFree(taken, next);
    items.push(claimWrite(taken, next.id, next));
  }
  return items;
}

/**
 * A shard's Update: the new terms, and its quota kept, set (if its count held) or removed. Under
 * the coupon's first terms the shard may not be written yet (`unwritten`: what it holds then):
 * it is written now, so that after this change every shard exists.
 */
function shardUpdate(
  id: string,
  update: ShardUpdate,
  unwritten: ShardState | undefined,
): TransactItem {
  const values: Record<string, unknown> = { ":terms": update.terms };
  const set = ["terms = :terms"];
  if (unwritten) {
    set.push(
      "n = if_not_exists(n, :zero)",
      "coupon_id = if_not_exists(coupon_id, :id)",
      "item_type = :type",
    );
    Object.assign(values, { ":zero": 0, ":id": id, ":type": COUPON_SHARD_TYPE });
  }
  let condition: string | undefined;
  let remove = "";
  if (update.quota === "kept") {
    if (unwritten?.quota !== undefined) {
      set.push("quota = if_not_exists(quota, :first)");
      values[":first"] = unwritten.quota;
    }
  } else if (update.quota === "removed") {
    remove = " REMOVE quota";
  } else {
    set.push("quota = :quota");
    Object.assign(values, { ":quota": update.quota, ":n": update.count });
    condition = unwritten && update.count === 0 ? "attribute_not_exists(n) OR n = :n" : "n = :n";
  }
  return {
    Update: {
      TableName: tableName,
      Key: couponKeys.shard(id, update.shard),
      UpdateExpression: `SET ${set.join(", ")}${remove}`,
      ...(condition ? { ConditionExpression: condition } : {}),
      ExpressionAttributeValues: values,
    },
  };
}

/**
 * The shard writes of a change (see `shardChangeOf`): none with a new coupon, tombstones when it
 * is deleted, the new terms when they change. New quotas are conditional on the counts read
 * (`knownCounts`, read with the coupon, when the caller has them), so a redemption in between
 * sends us round again.
 */
async function shardItems(
  id: string,
  current: CouponRecord | undefined,
  next: CouponRecord | undefined,
  knownCounts: readonly number[] | undefined,
): Promise<TransactItem[]> {
  const change = shardChangeOf(current, next);
  if (change.kind === "delete") {
    return change.shards.map((shard) => ({
      Put: { TableName: tableName, Item: toShardTombstone(id, shard) },
    }));
  }
  if (change.kind === "keep" || !next || !current) return [];
  const known = knownCounts && knownCounts.length >= change.existing;
  const counts = !change.readCounts
    ? []
    : known
      ? knownCounts.slice(0, change.existing)
      : await readShardCounts(id, change.existing);
  const { updates, created } = shardWrites(change, next, counts);
  const before = termsOf(current);
  return [
    ...updates.map((update) => shardUpdate(id, update, unwrittenShard(before, update.shard))),
    ...created.map(({ shard, quota }) => newShardPut(next, shard, quota)),
  ];
}

/** A new shard's Put: no redemptions yet, this quota (none: unlimited), the coupon's terms. */
function newShardPut(record: CouponRecord, shard: number, quota?: number): TransactItem {
  return {
    Put: {
      TableName: tableName,
      Item: toShardItem(record, shard, quota),
      ConditionExpression: "attribute_not_exists(pk)",
    },
  };
}

/**
 * Every write that takes a coupon from `current` to `next` (either absent), as one transaction.
 * Its listing items follow from the coupon item's stream (`listing-writes.ts`).
 */
export async function changeOperations(
  current: CouponRecord | undefined,
  next: CouponRecord | undefined,
  knownClaims: ReadonlyMap<string, CodeClaim> = new Map(),
  knownCounts?: readonly number[],
): Promise<TransactItem[]> {
  const id = (next ?? current)?.id as string;
  const coupon: TransactItem = next
    ? {
        Put: {
          TableName: tableName,
          Item: toCouponItem(next),
          ...(current
            ? unchangedSince(current)
            : { ConditionExpression: "attribute_not_exists(pk)" }),
        },
      }
    : {
        Delete: {
          TableName: tableName,
          Key: couponKeys.coupon(id),
          ...unchangedSince(current as CouponRecord),
        },
      };
  const [claims, shards] = await Promise.all([
    claimItems(current, next, knownClaims),
    shardItems(id, current, next, knownCounts),
  ]);
  return [coupon, ...claims, ...shards];
}

/** How a change's transaction ended: committed, or lost a race with the claims as they are now. */
export type CommitOutcome =
  | { committed: true }
  | { committed: false; claims: Map<string, CodeClaim> };

/**
 * Sends a change as one transaction. `committed: false` when it lost a race (a condition on the
 * coupon's version, a claim's version or a shard's count failed): the caller tries again, from
 * the claims handed back and whatever else it reads again. Throws `IdempotencyKeyTaken` when an
 * idempotency record among the items was written first.
 */
export async function commit(items: TransactItem[]): Promise<CommitOutcome> {
  const [only] = items;
  if (items.length === 1 && only?.Put) return putAlone(only.Put);
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return { committed: true };
  } catch (error) {
    throwIfKeyTaken(error, items);
    const reasons = cancellationReasons(error);
    if (reasons?.some((reason) => reason.code === "ConditionalCheckFailed")) {
      return { committed: false, claims: claimsHandedBack(items, reasons) };
    }
    throw error;
  }
}

/**
 * A change that writes the coupon's item alone (its text, say) needs no transaction: one PutItem
 * with the same condition, at half a transaction's write units. The SDK sends a request again
 * when its answer was lost, and the retry then fails the condition the first try met: the item
 * handed back carrying this change's version and time is that first try, committed.
 */
async function putAlone(put: NonNullable<TransactItem["Put"]>): Promise<CommitOutcome> {
  try {
    await db.send(new PutCommand({ ...put, ReturnValuesOnConditionCheckFailure: "ALL_OLD" }));
    return { committed: true };
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const { version, updated_at } = put.Item ?? {};
    return isOwnEarlierWrite(error, { version, updated_at })
      ? { committed: true }
      : { committed: false, claims: new Map() };
  }
}
