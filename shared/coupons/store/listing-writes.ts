import type { ListingTarget } from "#coupons/core/listing-changes";
import { batchDeleteAll, batchPutAll } from "#platform/db/batches";
import { listingKeysOf, toListingItems } from "./listing-item";

const keyOf = (key: Record<string, unknown>) => `${key.pk}\n${key.sk}`;

/**
 * Makes each coupon's listing items copies of its latest record, and deletes those of earlier
 * records that the latest does not share (BatchWriteItem, 25 a request). Unconditional: the
 * records come in the order the coupon's item changed, one batch after another, so the last
 * write of a key is always the newest record's.
 */
export async function rewriteListings(targets: Iterable<ListingTarget>): Promise<void> {
  const puts: Record<string, unknown>[] = [];
  const deletes = new Map<string, { pk: string; sk: string }>();
  for (const { latest, earlier } of targets) {
    const copies = latest ? toListingItems(latest) : [];
    const kept = new Set(copies.map(keyOf));
    for (const key of earlier.flatMap(listingKeysOf)) {
      if (!kept.has(keyOf(key))) deletes.set(keyOf(key), key);
    }
    puts.push(...copies);
  }
  await Promise.all([batchPutAll(puts), batchDeleteAll([...deletes.values()])]);
}
