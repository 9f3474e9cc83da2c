import type { CouponView } from "#coupons/api/schemas";
import type { CouponRecord } from "#coupons/core/coupon";
import { isActive, isValid } from "#coupons/core/validity";

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
