import { DomainError } from "#platform/errors";
import { encodeGeohash } from "#platform/geo/geohash";
import { type ShardPlan, shardCount } from "#platform/sharded-counter";
import { isValid, type Window } from "./validity";
import { valueKey } from "./value-key";

/**
 * A coupon's redemption counter is split over up to 8 shard items, each under a partition key
 * of its own. A redemption writes its shard in a transaction (2 write units per item under
 * 1 KB), so a partition (~1,000 WCU/s) takes ~500 redemptions/s and 8 shards ~4,000/s per
 * coupon; the other items of a redemption are spread by account. Reading `redemption_count` reads
 * every shard, so there are no more than the limit needs: each shard holds at least 16
 * redemptions of a limited coupon (fewer full shards to discover).
 */
export const COUPON_SHARDS: ShardPlan = { maxShards: 8, minPerShard: 16 };

/** How many shards a coupon with this `max_redemptions` (null: unlimited) has, keeping `current`. */
export const couponShardCount = (maxRedemptions: number | null, current = 1) =>
  shardCount(COUPON_SHARDS, maxRedemptions, current);

/**
 * The terms a coupon is created with. Its shards are not written with it: each is written by its
 * first redemption, or by the first change of terms (which writes every shard). So a missing
 * shard of a coupon that exists means: terms still these, no redemption through it yet.
 */
export const FIRST_TERMS = 1;

const COUPON_ID = /^c_[0-9a-f]{32}$/;

/** Whether a string has the shape of a coupon id (anything else names nothing: no read). */
export const isCouponId = (id: string) => COUPON_ID.test(id);

/** A coupon as stored on its item (and copied onto its listing items). */
export interface CouponRecord extends Window {
  id: string;
  code: string;
  title: string;
  description?: string;
  category?: string;
  merchant: string;
  store: {
    street: string;
    city: string;
    state?: string;
    zip?: string;
    phone?: string;
    lat: number;
    long: number;
  };
  max_redemptions: number | null;
  per_account_limit: number;
  created_at: string;
  updated_at: string;
  /** Bumped by every change: the ETag. */
  version: number;
  /** Bumped when what a redemption checks changes (window, limits); copied onto the shards. */
  terms: number;
  shard_count: number;
  /**
   * The redemptions counted by the coupon listings' stream function (never more than the live
   * count of its shards, and behind it by at most the stream's lag): what lists show, so that a
   * page reads no shard. A GET of the coupon counts its shards live.
   */
  counted_redemptions: number;
}

/** What a request body states of a coupon (the API's `CouponInput` has this shape). */
export interface CouponFields {
  code: string;
  title: string;
  description?: string | undefined;
  category?: string | undefined;
  merchant: string;
  store: {
    street: string;
    city: string;
    state?: string | undefined;
    zip?: string | undefined;
    phone?: string | undefined;
    lat: number;
    long: number;
  };
  published_at: string;
  expire_at: string;
  max_redemptions: number | null;
  per_account_limit: number;
}

/** The normalised values the filters and the code rule compare. */
export interface RecordKeys {
  code: string;
  merchant: string;
  city: string;
  category?: string;
}

export const keysOf = (record: CouponRecord): RecordKeys => ({
  code: valueKey(record.code),
  merchant: valueKey(record.merchant),
  city: valueKey(record.store.city),
  ...(record.category ? { category: valueKey(record.category) } : {}),
});

/** The record's filterable attributes, stored beside it so that filter expressions can read them. */
export function filterAttributes(record: CouponRecord) {
  const keys = keysOf(record);
  return {
    code_key: keys.code,
    merchant_key: keys.merchant,
    city_key: keys.city,
    ...(keys.category ? { category_key: keys.category } : {}),
    valid: isValid(record),
    geohash: encodeGeohash(record.store.lat, record.store.long),
  };
}

function fields(input: CouponFields) {
  const { store } = input;
  return {
    code: input.code,
    title: input.title,
    ...(input.description !== undefined ? { description: input.description } : {}),
    ...(input.category !== undefined ? { category: input.category } : {}),
    merchant: input.merchant,
    store: {
      street: store.street,
      city: store.city,
      ...(store.state !== undefined ? { state: store.state } : {}),
      ...(store.zip !== undefined ? { zip: store.zip } : {}),
      ...(store.phone !== undefined ? { phone: store.phone } : {}),
      lat: store.lat,
      long: store.long,
    },
    published_at: input.published_at,
    expire_at: input.expire_at,
    max_redemptions: input.max_redemptions,
    per_account_limit: input.per_account_limit,
  };
}

/** A new coupon's record. */
export function newRecord(input: CouponFields, id: string, now: string): CouponRecord {
  return {
    id,
    ...fields(input),
    created_at: now,
    updated_at: now,
    version: 1,
    terms: FIRST_TERMS,
    shard_count: couponShardCount(input.max_redemptions),
    counted_redemptions: 0,
  };
}

/** What a redemption checks: a change of any of it bumps `terms`. */
const termsChanged = (a: CouponRecord, b: CouponRecord) =>
  a.published_at !== b.published_at ||
  a.expire_at !== b.expire_at ||
  a.max_redemptions !== b.max_redemptions ||
  a.per_account_limit !== b.per_account_limit;

/** The record after replacing its fields with `input`; undefined when nothing would change. */
export function replacedRecord(
  current: CouponRecord,
  input: CouponFields,
  now: string,
): CouponRecord | undefined {
  const next: CouponRecord = { ...withoutOptional(current), ...fields(input) };
  if (JSON.stringify(inputOf(next)) === JSON.stringify(inputOf(current))) return undefined;
  const terms = termsChanged(current, next);
  return {
    ...next,
    updated_at: now,
    version: current.version + 1,
    terms: terms ? current.terms + 1 : current.terms,
    shard_count: couponShardCount(next.max_redemptions, current.shard_count),
  };
}

/** The record without its optional fields: a replacement leaves out what it does not name. */
function withoutOptional(record: CouponRecord) {
  const { description: _d, category: _c, ...rest } = record;
  return rest;
}

/** The record as a request body would state it: the base a merge patch applies to. */
export const inputOf = (record: CouponRecord): Record<string, unknown> => fields(record);

/**
 * What a change requires of the stored coupon's version (the caller's If-Match, as a test of
 * the version its ETag names); undefined: any version.
 */
export type VersionCondition = (version: number) => boolean;

/** 412 `precondition_failed` unless `condition` holds for the stored `version`. */
export function assertVersion(condition: VersionCondition | undefined, version: number): void {
  if (condition && !condition(version)) {
    throw new DomainError(
      "precondition_failed",
      "The resource has changed: its ETag is not one named in If-Match",
    );
  }
}
