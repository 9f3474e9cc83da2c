import { toView } from "#coupons/api/coupon-view";
import type { ListCouponsQuery, ListedCouponView } from "#coupons/api/schemas";
import { pageInListOrder } from "#coupons/core/list-order";
import { couponsWithCode } from "#coupons/store/code-partition";
import { listedCoupons } from "#coupons/store/listing-queries";
import { nearCoupons } from "#coupons/store/near-search";
import { nowIso } from "#platform/clock";

const roundKm = (km: number) => Math.round(km * 1000) / 1000;

/**
 * A page of coupons matching every filter given, in the list's order (see `orderOf`), each with
 * the redemptions counted by the listings' stream function (no shard is read).
 */
export async function listCoupons(
  query: ListCouponsQuery,
): Promise<{ items: ListedCouponView[]; next_cursor: string | null }> {
  const now = nowIso();
  const { near, radius_km, code } = query;
  const page =
    near && radius_km !== undefined
      ? await nearCoupons({ ...query, near, radius_km }, now)
      : code
        ? pageInListOrder(await couponsWithCode({ ...query, code }, now), { ...query, code })
        : await listedCoupons(query, now);
  return {
    items: page.items.map(({ record, distanceKm }) => ({
      ...toView(record, record.counted_redemptions, now),
      ...(distanceKm === undefined ? {} : { distance_km: roundKm(distanceKm) }),
    })),
    next_cursor: page.next_cursor,
  };
}
