import { randomBytes } from "node:crypto";
import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { CouponInput, CouponView } from "#coupons/api/schemas";
import { backoff } from "#platform/db/backoff";
import { batchGetAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";
import { cancellationReasons, type TransactItem } from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import { etagOf, type IfMatch, ifMatchHolds, preconditionFailed } from "#platform/http/etag";
import { nowIso } from "./clock";
import { assertCodeFree, claimKeyOf, claimWrite, readClaim } from "./code-claims";
import { couponItem, listingItems, listingKeysOf, newShardPut } from "./items";
import { couponKeys } from "./keys";
import { type CouponRecord, newRecord, recordOf, replacedRecord, toView } from "./record";
import { MAX_SHARDS, shardQuotas } from "./shards";

/** A coupon as a response shows it, with its ETag. */
export interface StoredCoupon {
  view: CouponView;
  etag: string;
}

/** How often a change that lost a race (the coupon, its claim or a shard moved) is tried again. */
const MAX_ATTEMPTS = 8;

const sum = (values: readonly number[]) => values.reduce((total, value) => total + value, 0);

const range = (count: number, from = 0) =>
  Array.from({ length: Math.max(0, count - from) }, (_, i) => from + i);

const versionIs = (version: number) => ({
  ConditionExpression: "version = :version",
  ExpressionAttributeValues: { ":version": version },
});

/** The coupon's claim writes: moved, resized, dropped or taken, checking the code rule. */
async function claimItems(
  current: CouponRecord | undefined,
  next: CouponRecord | undefined,
): Promise<TransactItem[]> {
  const before = current && claimKeyOf(current);
  const after = next && claimKeyOf(next);
  if (before && after && current && next && before.pk === after.pk) {
    const unchanged =
      current.published_at === next.published_at && current.expire_at === next.expire_at;
    if (unchanged) return [];
  }
  const [old, taken] = await Promise.all([
    before && before.pk !== after?.pk ? readClaim(before) : undefined,
    after ? readClaim(after) : undefined,
  ]);
  const items: TransactItem[] = [];
  if (old && current) items.push(claimWrite(old, current.id, undefined));
  if (taken && next) {
    assertCodeFree(taken, next);
    items.push(claimWrite(taken, next.id, next));
  }
  return items;
}

/** Each shard's redemption count (strongly consistent). */
async function readShardCounts(id: string, shards: number): Promise<number[]> {
  const items = await batchGetAll(range(shards).map((shard) => couponKeys.shard(id, shard)));
  const counts = new Map(items.map((item) => [item.pk as string, item.n as number]));
  return range(shards).map((shard) => counts.get(couponKeys.shard(id, shard).pk) ?? 0);
}

/**
 * The shard writes of a change: created with the coupon, deleted with it, and given the new
 * terms when they change. New limits split what is left of `max_redemptions` over the shards,
 * conditional on the counts read, so a redemption in between sends us round again.
 */
async function shardItems(
  id: string,
  current: CouponRecord | undefined,
  next: CouponRecord | undefined,
): Promise<TransactItem[]> {
  if (!next) {
    return range(current?.shard_count ?? 0).map((shard) => ({
      Delete: { TableName: tableName, Key: couponKeys.shard(id, shard) },
    }));
  }
  if (current && next.terms === current.terms) return [];
  const existing = current?.shard_count ?? 0;
  const limitsMoved =
    !current ||
    next.max_redemptions !== current.max_redemptions ||
    next.shard_count !== current.shard_count;
  const max = next.max_redemptions;
  const counts = limitsMoved && max !== null ? await readShardCounts(id, existing) : [];
  const quotas =
    max === null
      ? undefined
      : shardQuotas(max, [...counts, ...range(next.shard_count, existing).map(() => 0)]);
  if (max !== null && !quotas) {
    throw new DomainError(
      "max_redemptions_below_count",
      `The coupon has ${sum(counts)} redemptions already; max_redemptions cannot go below that`,
    );
  }
  const terms = { ":terms": next.terms };
  const updates: TransactItem[] = range(existing).map((shard) => ({
    Update: {
      TableName: tableName,
      Key: couponKeys.shard(id, shard),
      ...(!limitsMoved
        ? { UpdateExpression: "SET terms = :terms", ExpressionAttributeValues: terms }
        : quotas
          ? {
              UpdateExpression: "SET terms = :terms, quota = :quota",
              ConditionExpression: "n = :n",
              ExpressionAttributeValues: { ...terms, ":quota": quotas[shard], ":n": counts[shard] },
            }
          : {
              UpdateExpression: "SET terms = :terms REMOVE quota",
              ExpressionAttributeValues: terms,
            }),
    },
  }));
  const created = range(next.shard_count, existing).map((shard) =>
    newShardPut(next, shard, quotas?.[shard]),
  );
  return [...updates, ...created];
}

/** Every write that takes a coupon from `current` to `next` (either absent), as one transaction. */
async function changeOperations(
  current: CouponRecord | undefined,
  next: CouponRecord | undefined,
): Promise<TransactItem[]> {
  const id = (next ?? current)?.id as string;
  const coupon: TransactItem = next
    ? {
        Put: {
          TableName: tableName,
          Item: couponItem(next),
          ...(current
            ? versionIs(current.version)
            : { ConditionExpression: "attribute_not_exists(pk)" }),
        },
      }
    : {
        Delete: {
          TableName: tableName,
          Key: couponKeys.coupon(id),
          ...versionIs((current as CouponRecord).version),
        },
      };
  const nextListings = next ? listingItems(next) : [];
  const kept = new Set(nextListings.map((item) => item.pk));
  const listings: TransactItem[] = [
    ...(current ? listingKeysOf(current) : [])
      .filter((key) => !kept.has(key.pk))
      .map((Key) => ({ Delete: { TableName: tableName, Key } })),
    ...nextListings.map((Item) => ({ Put: { TableName: tableName, Item } })),
  ];
  const [claims, shards] = await Promise.all([
    claimItems(current, next),
    shardItems(id, current, next),
  ]);
  return [coupon, ...claims, ...listings, ...shards];
}

/**
 * Sends a change as one transaction. Returns false when it lost a race (a condition on the
 * coupon's version, a claim's version or a shard's count failed): the caller reads again.
 */
async function commit(items: TransactItem[]): Promise<boolean> {
  try {
    await db.send(new TransactWriteCommand({ TransactItems: items }));
    return true;
  } catch (error) {
    const reasons = cancellationReasons(error);
    if (reasons?.some((reason) => reason.code === "ConditionalCheckFailed")) return false;
    throw error;
  }
}

/** Retries `attempt` while it loses races, with backoff; 503 if it keeps losing. */
async function untilCommitted<T>(attempt: () => Promise<T | "raced">): Promise<T> {
  for (let round = 0; round < MAX_ATTEMPTS; round++) {
    if (round > 0) await backoff(round, 10, 200);
    const result = await attempt();
    if (result !== "raced") return result;
  }
  throw DomainError.busy();
}

const newCouponId = () => `c_${randomBytes(16).toString("hex")}`;

/** Creates a coupon: its item, listing copies, code claim and shards in one transaction. */
export async function createCoupon(input: CouponInput): Promise<StoredCoupon> {
  const now = nowIso();
  const record = newRecord(input, newCouponId(), now);
  return untilCommitted(async () => {
    const committed = await commit(await changeOperations(undefined, record));
    return committed ? stored(record, 0, now) : "raced";
  });
}

const stored = (record: CouponRecord, count: number, now = nowIso()): StoredCoupon => ({
  view: toView(record, count, now),
  etag: etagOf(record.version),
});

/** The stored coupon (strongly consistent) or 404. */
async function readRecord(id: string): Promise<CouponRecord> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: couponKeys.coupon(id), ConsistentRead: true }),
  );
  if (!Item) throw DomainError.notFound("coupon");
  return recordOf(Item);
}

/** A coupon with its live redemption count: one BatchGetItem of its item and every shard key. */
export async function getCoupon(id: string): Promise<StoredCoupon> {
  const couponKey = couponKeys.coupon(id);
  const items = await batchGetAll([
    couponKey,
    ...range(MAX_SHARDS).map((shard) => couponKeys.shard(id, shard)),
  ]);
  const item = items.find((found) => found.pk === couponKey.pk);
  if (!item) throw DomainError.notFound("coupon");
  const record = recordOf(item);
  const shards = items.filter((found) => found.sk === "SHARD");
  return stored(record, sum(shards.map((shard) => shard.n as number)));
}

/**
 * Changes a coupon to what `change` makes of the stored one (a replacement or a merge patch),
 * if `If-Match` holds: the write is conditional on the version read, so of two changes made
 * from one ETag only the first lands and the other gets 412. Without `If-Match`, a change that
 * lost a race is made again on the newer coupon.
 */
export async function updateCoupon(
  id: string,
  ifMatch: IfMatch | undefined,
  change: (current: CouponRecord) => CouponInput,
): Promise<StoredCoupon> {
  const record = await untilCommitted(async () => {
    const current = await readRecord(id);
    if (!ifMatchHolds(ifMatch, etagOf(current.version))) throw preconditionFailed();
    const next = replacedRecord(current, change(current), nowIso());
    if (!next) return current;
    return (await commit(await changeOperations(current, next))) ? next : "raced";
  });
  return stored(record, sum(await readShardCounts(record.id, record.shard_count)));
}

/**
 * Deletes a coupon, if `If-Match` holds: its item, listings, shards and its window in the code
 * claim, in one transaction. Nothing can redeem it afterwards; its redemptions stay listed for
 * their holders.
 */
export async function deleteCoupon(id: string, ifMatch: IfMatch | undefined): Promise<void> {
  await untilCommitted(async () => {
    const current = await readRecord(id);
    if (!ifMatchHolds(ifMatch, etagOf(current.version))) throw preconditionFailed();
    return (await commit(await changeOperations(current, undefined))) ? undefined : "raced";
  });
}
