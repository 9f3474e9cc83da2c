import { type CouponRecord, inputOf } from "#coupons/core/coupon";
import { DomainError } from "#platform/errors";
import { applyMergePatch } from "#platform/http/merge-patch";
import { fieldErrors } from "#platform/http/validation";
import { type CouponInput, couponBody } from "./schemas";

/**
 * The coupon a merge patch (RFC 7396) makes of the stored one, validated as a whole like a
 * creation body (a patch may leave nothing broken behind: removing a required field is a 422).
 */
export function patchedInput(current: CouponRecord, patch: Record<string, unknown>): CouponInput {
  const result = couponBody.safeParse(applyMergePatch(inputOf(current), patch));
  if (!result.success) throw DomainError.invalid(fieldErrors(result.error));
  return result.data;
}
