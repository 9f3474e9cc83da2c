import { QueryCommand } from "@aws-sdk/lib-dynamodb";
import type { CouponPage } from "#coupons/core/coupon-page";
import { type Filter, filterExpression } from "#coupons/core/filters";
import { FINEST, type NearQuery, nearRanking, probeSize } from "#coupons/core/near-ranking";
import { db, tableName } from "#platform/db/client";
import { queryAll } from "#platform/db/query-page";
import { couponsWithCode } from "./code-partition";
import { fromCouponItem } from "./coupon-item";
import { couponKeys } from "./keys";

const cellQuery = (hash: string, filter: Filter) => ({
  TableName: tableName,
  IndexName: "gsi2",
  KeyConditionExpression: "gsi2pk = :partition AND begins_with(gsi2sk, :cell)",
  ...filter,
  ExpressionAttributeValues: {
    ":partition": couponKeys.geoPartition(hash),
    ":cell": hash,
    ...filter.ExpressionAttributeValues,
  },
});

/**
 * The coupons of a cell that pass the filters, if it holds at most `probe` of them (one Query of
 * that many); undefined when it holds more, so that its children are read instead.
 */
async function smallCell(hash: string, filter: Filter, probe: number) {
  if (hash.length >= FINEST) return queryAll(cellQuery(hash, filter));
  const first = await db.send(new QueryCommand({ ...cellQuery(hash, filter), Limit: probe }));
  return first.LastEvaluatedKey ? undefined : (first.Items ?? []);
}

/**
 * A page of the coupons within `radius_km` of `near`, nearest first (ties by id), passing the
 * other filters. With a code, the code's few coupons are measured. Otherwise cells are read
 * nearest first, a few at a time: a cell of at most two pages of coupons is read whole, a fuller
 * one gives way to its 32 children (a finer grid where coupons are dense). Only cells nearer
 * than the page's last candidate are read, and reading stops once the page is settled: its
 * items and the next one are nearer than any cell not read. The cursor
 * holds the last distance, so a later page skips every cell that lies wholly nearer than it. So
 * the cost follows the coupons near the point and the page, never the catalogue.
 */
export async function nearCoupons(query: NearQuery, now: string): Promise<CouponPage> {
  const ranking = nearRanking(query);
  if (query.code) {
    ranking.take(await couponsWithCode({ ...query, code: query.code }, now));
    return ranking.page();
  }
  const pending = ranking.startCells();
  const filter = filterExpression(query, now);
  const probe = probeSize(query.limit);
  for (;;) {
    const wave = ranking.nextWave(pending);
    if (wave.length === 0) break;
    const read = await Promise.all(wave.map((c) => smallCell(c.hash, filter, probe)));
    for (const [i, items] of read.entries()) {
      if (items) ranking.take(items.map(fromCouponItem));
      else pending.push(...ranking.children(wave[i]?.hash as string));
    }
  }
  return ranking.page();
}
