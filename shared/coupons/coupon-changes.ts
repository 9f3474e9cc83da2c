import { randomBytes } from "node:crypto";
import { toView } from "#coupons/api/coupon-view";
import type { CouponView } from "#coupons/api/schemas";
import type { CodeClaim } from "#coupons/core/code-rule";
import {
  assertVersion,
  type CouponFields,
  type CouponRecord,
  newRecord,
  replacedRecord,
  type VersionCondition,
} from "#coupons/core/coupon";
import { readCoupon, readCouponWithCount } from "#coupons/store/coupon-reads";
import { changeOperations, commit } from "#coupons/store/coupon-writes";
import { couponIdempotencyScopes } from "#coupons/store/keys";
import { nowIso } from "#platform/clock";
import { backoff } from "#platform/db/backoff";
import { DomainError } from "#platform/errors";
import { etagOf } from "#platform/http/etag";
import { type IdempotentResult, once } from "#platform/idempotency/once";
import { cachedTerms, rememberTerms } from "./terms-cache";

/** A coupon as a response shows it, with its version (the handler makes it the ETag). */
export interface StoredCoupon {
  view: CouponView;
  version: number;
}

/** How often a change that lost a race (the coupon, its claim or a shard moved) is tried again. */
const MAX_ATTEMPTS = 8;

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

const stored = (record: CouponRecord, count: number, now = nowIso()): StoredCoupon => ({
  view: toView(record, count, now),
  version: record.version,
});

/**
 * Creates a coupon: its item and code claim in one transaction (its lists follow from the
 * stream, its shards from its first redemption); its response carries `Location` and the
 * `ETag`. With an `Idempotency-Key`, at most once per key: the key's record joins that
 * transaction.
 */
export function createCoupon(
  input: CouponFields,
  idempotencyKey?: string,
): Promise<IdempotentResult<CouponView>> {
  const request = {
    scope: couponIdempotencyScopes.create,
    key: idempotencyKey,
    operation: "coupons.create_coupon",
    input,
  };
  return once(request, (records) => {
    const now = nowIso();
    const record = newRecord(input, newCouponId(), now);
    const { view, version } = stored(record, 0, now);
    const headers = { location: `/v1/coupons/${view.id}`, etag: etagOf(version) };
    const response = { status: 201, headers, body: view };
    let claims = new Map<string, CodeClaim>();
    return untilCommitted(async () => {
      const items = [...(await changeOperations(undefined, record, claims)), ...records(response)];
      const outcome = await commit(items);
      if (outcome.committed) return response;
      claims = outcome.claims;
      return "raced";
    });
  });
}

/**
 * A coupon with its live redemption count (exact: every shard read strongly consistent). Warm
 * (this process has read the coupon before), one BatchGetItem of its item and its shards; cold,
 * a GetItem of the coupon and a BatchGetItem of its shards.
 */
export async function getCoupon(id: string): Promise<StoredCoupon> {
  const { record, count } = await readCouponWithCount(id, cachedTerms(id)?.shardCount);
  rememberTerms(record);
  return stored(record, count);
}

/**
 * Changes a coupon to what `change` makes of the stored one (a replacement or a merge patch),
 * if `expected` holds for its version (If-Match): the write is conditional on the version read,
 * so of two changes made from one ETag only the first lands and the other gets 412. Without a
 * condition, a change that lost a race is made again on the newer coupon. The answer carries
 * the live redemption count read with the coupon (its shards in the same BatchGetItem when this
 * process knows how many there are).
 */
export async function updateCoupon(
  id: string,
  expected: VersionCondition | undefined,
  change: (current: CouponRecord) => CouponFields,
): Promise<StoredCoupon> {
  const { record, count } = await untilCommitted(async () => {
    const read = await readCouponWithCount(id, cachedTerms(id)?.shardCount);
    const current = read.record;
    assertVersion(expected, current.version);
    const next = replacedRecord(current, change(current), nowIso());
    if (!next) return read;
    const items = await changeOperations(current, next, new Map(), read.shardCounts);
    return (await commit(items)).committed ? { record: next, count: read.count } : "raced";
  });
  return stored(record, count);
}

/**
 * Deletes a coupon, if `expected` holds for its version (If-Match): its item, shards and its
 * window in the code claim, in one transaction (its listings follow from the stream). Nothing
 * can redeem it afterwards; its redemptions stay listed for their holders.
 */
export async function deleteCoupon(
  id: string,
  expected: VersionCondition | undefined,
): Promise<void> {
  await untilCommitted(async () => {
    const current = await readCoupon(id);
    assertVersion(expected, current.version);
    return (await commit(await changeOperations(current, undefined))).committed
      ? undefined
      : "raced";
  });
}
