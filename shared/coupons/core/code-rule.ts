import { DomainError } from "#platform/errors";
import type { CouponRecord } from "./coupon";
import { isValid, type Window, windowsOverlap } from "./validity";

/**
 * The per-merchant code rule: a merchant's valid coupons with one code never share a moment.
 * A code claim holds the windows of those coupons (id → [published_at, expire_at]) and a
 * version; every write of it is conditional on the version read.
 */
export interface CodeClaim {
  key: { pk: string; sk: string };
  /** 0 when the claim item does not exist. */
  version: number;
  windows: Record<string, [string, string]>;
}

/** Whether a coupon holds its code at all: an invalid one (empty window) claims nothing. */
export const claimsCode = (record: CouponRecord) => isValid(record);

/** 409 `code_taken` when another coupon of the claim holds the code during part of `record`'s window. */
export function assertCodeFree(claim: CodeClaim, record: CouponRecord): void {
  for (const [id, [published_at, expire_at]] of Object.entries(claim.windows)) {
    const other: Window = { published_at, expire_at };
    if (id !== record.id && windowsOverlap(other, record)) {
      throw new DomainError(
        "code_taken",
        `${record.merchant} already has coupon ${id} with code ${record.code} from ${published_at} to ${expire_at}, which overlaps this one`,
      );
    }
  }
}

/** The claim's windows with `id`'s set to `window` (or removed when `window` is undefined). */
export function claimedWindows(
  claim: CodeClaim,
  id: string,
  window: Window | undefined,
): CodeClaim["windows"] {
  const windows = { ...claim.windows };
  if (window) windows[id] = [window.published_at, window.expire_at];
  else delete windows[id];
  return windows;
}
