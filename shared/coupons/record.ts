import type { CouponInput, CouponView } from "#coupons/api/schemas";
import { encodeGeohash } from "#platform/geo/geohash";
import { valueKey } from "./keys";
import { shardCountFor } from "./shards";
import { isActive, isValid, type Window } from "./validity";

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

function fields(input: CouponInput) {
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
export function newRecord(input: CouponInput, id: string, now: string): CouponRecord {
  return {
    id,
    ...fields(input),
    created_at: now,
    updated_at: now,
    version: 1,
    terms: 1,
    shard_count: shardCountFor(input.max_redemptions),
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
  input: CouponInput,
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
    shard_count: shardCountFor(next.max_redemptions, current.shard_count),
  };
}

/** The record without its optional fields: a replacement leaves out what it does not name. */
function withoutOptional(record: CouponRecord) {
  const { description: _d, category: _c, ...rest } = record;
  return rest;
}

/** The record as a request body would state it: the base a merge patch applies to. */
export const inputOf = (record: CouponRecord): Record<string, unknown> => fields(record);

/** The API's coupon object, with `active` at `now` and the live redemption count. */
export function toView(record: CouponRecord, redemptionCount: number, now: string): CouponView {
  const { store } = record;
  return {
    id: record.id,
    code: record.code,
    title: record.title,
    description: record.description ?? null,
    category: record.category ?? null,
    merchant: record.merchant,
    store: {
      street: store.street,
      city: store.city,
      state: store.state ?? null,
      zip: store.zip ?? null,
      phone: store.phone ?? null,
      lat: store.lat,
      long: store.long,
    },
    published_at: record.published_at,
    expire_at: record.expire_at,
    status: isValid(record) ? "valid" : "invalid",
    active: isActive(record, now),
    max_redemptions: record.max_redemptions,
    per_account_limit: record.per_account_limit,
    redemption_count: redemptionCount,
    created_at: record.created_at,
    updated_at: record.updated_at,
  };
}

const RECORD_FIELDS = [
  "id",
  "code",
  "title",
  "description",
  "category",
  "merchant",
  "store",
  "published_at",
  "expire_at",
  "max_redemptions",
  "per_account_limit",
  "created_at",
  "updated_at",
  "version",
  "terms",
  "shard_count",
] as const;

/** The record held by a coupon or listing item (keys and filter attributes left behind). */
export function recordOf(item: Record<string, unknown>): CouponRecord {
  const record: Record<string, unknown> = {};
  for (const field of RECORD_FIELDS) if (item[field] !== undefined) record[field] = item[field];
  record.max_redemptions ??= null;
  return record as unknown as CouponRecord;
}
