/*
 * Coupon items in the one table. `<k>` is `valueKey(value)`: the value trimmed, spaces collapsed,
 * lower-cased, hashed to 22 base64url characters (fixed length, no `#`, whatever the text).
 *
 * | item       | pk                                 | sk                       | gsi keys                                   |
 * |------------|------------------------------------|--------------------------|--------------------------------------------|
 * | coupon     | COUPON#<id>                        | COUPON                   | gsi1 CPN#CODE#<code k> / <created_at>#<id> |
 * |            |                                    |                          | gsi2 CPN#GEO#<geohash:2> / <geohash:12>#<id> |
 * | listing    | CPN#LIST#<cat k/*>#<merchant k/*>#<city k/*> | <created_at>#<id> | gsi1 <pk>#V or #I / <created_at>#<id> |
 * |            |                                    |                          | valid only: gsi2 <pk>#V / <expire_at>#<id>, |
 * |            |                                    |                          | gsi3 <pk>#V / <published_at>#<id>          |
 * | code claim | CPN#CLAIM#<merchant k>#<code k>    | CLAIM                    | –                                          |
 * | shard      | COUPON#<id>#SHARD#<s>              | SHARD                    | –                                          |
 * | count      | CPN#HOLDER#<account>               | COUNT#<coupon id>        | –                                          |
 * | redemption | CPN#HOLDER#<account>               | REDEMPTION#<redeemed_at>#<id> | gsi1 COUPON#<coupon id>#REDEEMED#<s> / <redeemed_at>#<id> |
 *
 * - The coupon item holds the coupon as stored (`CouponRecord` in `core/coupon.ts`), its `version` (the ETag, bumped
 *   by every change), `terms` (bumped when what a redemption checks changes: the window, the
 *   limits), `shard_count`, `counted_redemptions` (the sum of its shards as the listings' stream
 *   function last counted it: what lists show; a change is conditional on it as read), and the
 *   normalised `*_key` values the filters compare.
 * - Listing items: one copy of the coupon's item under each combination of its category, merchant
 *   and city (2³ = 8, or 4 without a category: "*" is "any"), written after it by the listings'
 *   stream function (`listing-writes.ts`; lists are eventually consistent, docs/coupons.md).
 *   Their table key orders newest first; gsi1 splits valid from invalid; gsi2 and gsi3 order the
 *   valid ones by expiry and by publication, for the filters that depend on the time.
 * - The code claim is the per-merchant code rule: the windows (`windows`: id → [published_at,
 *   expire_at]) of the merchant's valid coupons with that code, and a `version`. Every write that
 *   adds, moves or removes a window is conditional on that version, in the coupon's transaction,
 *   so two overlapping windows can never both get in. About 4,000 windows fit its 400 KB.
 * - Shards: `item_type` "coupon_shard" (what the listings' stream function takes records of),
 *   `n` redemptions so far, `quota` (limited coupons: the quotas add up to
 *   max_redemptions exactly), and a copy of the coupon's `terms`. A redemption is one
 *   transaction: its shard (`terms` unchanged, `n < quota`), the holder's count for the coupon
 *   (`n < per_account_limit`) and the redemption item. Shards are written lazily: not with the
 *   coupon, but by their first redemption or by the first change of terms (which writes every
 *   shard), so a missing shard of an existing coupon is one under `FIRST_TERMS` with nothing
 *   counted and its first quota (`unwrittenShard` in `core/redemption.ts`). Deleting a coupon
 *   turns its shards into tombstones (`terms` 0), so nothing can redeem it, not even a process
 *   holding its first terms; redemptions and counts stay with their holders.
 * - Holder counts: `n`, the redemptions an account holds of the coupon (checked against
 *   per_account_limit). Redemption items: `id`, `coupon_id`, `account_id`, `redeemed_at`.
 * - Idempotency records (shared/platform/idempotency/record.ts) of coupon creation: scope
 *   COUPONS; of redemptions: scope REDEMPTIONS#<account>, in the coupon's or the redemption's
 *   transaction.
 * - No coupon item has a TTL: coupons, claims, shards, counts and redemptions stay until deleted.
 * - Item mapping: `coupon-item.ts`, `listing-item.ts`, `shard-item.ts`, `code-claim-item.ts`,
 *   `redemption-item.ts` (each `to<Entity>Item` / `from<Entity>Item`).
 * - The redemptions of a coupon are listed newest first by merging its shards' gsi1 partitions
 *   (one index partition per shard, so the index takes the coupon's redemption rate too).
 *
 * What a list request costs (L = the page size; "items read" is what DynamoDB reads and bills):
 *
 * | filters                                      | served by                                        | items read per page           |
 * |----------------------------------------------|--------------------------------------------------|-------------------------------|
 * | none, category, merchant, city, any mix      | Query on the listing partition of that mix       | L + 1                         |
 * |  + status=valid / invalid                    | Query on its gsi1 partition                      | L + 1                         |
 * |  + status=expired                            | Query on gsi2, expire_at < now                   | L + 1                         |
 * |  + status=scheduled                          | Query on gsi3, published_at > now                | L + 1                         |
 * |  + status=active                             | Query on gsi2, expire_at ≥ now; filter published | L + 1 + the scheduled ones passed |
 * | code (+ anything but near)                   | Query on gsi1 CPN#CODE#<code k>, filtered        | every coupon with that code   |
 * | near (+ anything but code)                   | Queries on gsi2 of the cells covering the circle, nearest cells first | the coupons in the cells read (`near-search.ts`) |
 * | near + code                                  | the code's gsi1 partition, by distance           | every coupon with that code   |
 *
 * A page reads nothing more: `redemption_count` is the listing's `counted_redemptions`. A GET of
 * one coupon reads its item and its own `shard_count` shard keys (the live count).
 * `status=active` is the one time filter with no exact key range (a window holds "now" only if
 * both ends agree); it reads what has not expired yet, so only scheduled coupons are wasted.
 */
import { GEO_PARTITION_PRECISION } from "#coupons/core/near-ranking";
import { key } from "#platform/db/keys";
import { shardIndexes } from "#platform/sharded-counter";

/** The dimensions a listing partition is keyed by: each `*_key`, or absent for "any". */
export interface ListDimensions {
  category?: string | undefined;
  merchant?: string | undefined;
  city?: string | undefined;
}

const ANY = "*";

/** The scopes of the Idempotency-Keys of coupon creation and of an account's redemptions. */
export const couponIdempotencyScopes = {
  create: "COUPONS",
  redemptions: (accountId: string) => key("REDEMPTIONS", accountId),
};

/**
 * What a coupon's shard item says it is (`item_type`): the listings' stream function takes the
 * records of these items, and of no other shard (a raffle's shards are keyed alike).
 */
export const COUPON_SHARD_TYPE = "coupon_shard";

/** A coupon's own item's sort key: only coupon items have it (the listings' function takes their records). */
export const COUPON_SORT_KEY = "COUPON";

/** Key builders for every coupon item. */
export const couponKeys = {
  coupon: (id: string) => ({ pk: key("COUPON", id), sk: COUPON_SORT_KEY }),
  shard: (id: string, shard: number) => ({ pk: key("COUPON", id, "SHARD", shard), sk: "SHARD" }),
  /** The keys of a coupon's shards from `from` up to `shards`. */
  shards: (id: string, shards: number, from = 0) =>
    shardIndexes(shards, from).map((shard) => couponKeys.shard(id, shard)),
  claim: (merchantKey: string, codeKey: string) => ({
    pk: key("CPN", "CLAIM", merchantKey, codeKey),
    sk: "CLAIM",
  }),
  listing: (dimensions: ListDimensions) =>
    key(
      "CPN",
      "LIST",
      dimensions.category ?? ANY,
      dimensions.merchant ?? ANY,
      dimensions.city ?? ANY,
    ),
  /** gsi1 partition of the listing items with this validity. */
  listingByValidity: (listing: string, valid: boolean) => key(listing, valid ? "V" : "I"),
  /** gsi1 partition of the coupon items with this code, at any merchant. */
  byCode: (codeKey: string) => key("CPN", "CODE", codeKey),
  /** gsi2 partition of the coupon items in a geohash cell of `GEO_PARTITION_PRECISION`. */
  geoPartition: (geohash: string) => key("CPN", "GEO", geohash.slice(0, GEO_PARTITION_PRECISION)),
  holder: (accountId: string) => key("CPN", "HOLDER", accountId),
  holderCount: (accountId: string, couponId: string) => ({
    pk: couponKeys.holder(accountId),
    sk: key("COUNT", couponId),
  }),
  redemptionPrefix: key("REDEMPTION", ""),
  redemption: (accountId: string, redeemedAt: string, redemptionId: string) => ({
    pk: couponKeys.holder(accountId),
    sk: key("REDEMPTION", redeemedAt, redemptionId),
  }),
  /** gsi1 partition of a coupon's redemptions through one shard. */
  redemptionsOf: (couponId: string, shard: number) => key("COUPON", couponId, "REDEEMED", shard),
};

/** Every subset of a coupon's listing dimensions: the listing partitions it is copied into. */
export function listingsOf(keys: { category?: string; merchant: string; city: string }): string[] {
  const partitions: string[] = [];
  for (const category of keys.category ? [undefined, keys.category] : [undefined]) {
    for (const merchant of [undefined, keys.merchant]) {
      for (const city of [undefined, keys.city]) {
        partitions.push(couponKeys.listing({ category, merchant, city }));
      }
    }
  }
  return partitions;
}
