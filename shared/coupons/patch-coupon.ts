import { patchedInput } from "#coupons/api/coupon-patch";
import type { VersionCondition } from "#coupons/core/coupon";
import { type StoredCoupon, updateCoupon } from "./coupon-changes";

/** Changes a coupon by a JSON merge patch of its body form, if `expected` holds (If-Match). */
export const patchCoupon = (
  id: string,
  expected: VersionCondition | undefined,
  patch: Record<string, unknown>,
): Promise<StoredCoupon> => updateCoupon(id, expected, (current) => patchedInput(current, patch));
