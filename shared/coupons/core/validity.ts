/** A coupon's validity window, as ISO 8601 UTC strings with milliseconds (they sort as times). */
export interface Window {
  published_at: string;
  expire_at: string;
}

/** The coupon brief's rule: valid when it does not expire before it is published. */
export const isValid = (window: Window) => window.expire_at >= window.published_at;

/** Valid and published_at ≤ now ≤ expire_at. */
export const isActive = (window: Window, now: string) =>
  isValid(window) && window.published_at <= now && now <= window.expire_at;

/** The `status` filter values. `scheduled`: valid, not yet published; `expired`: valid, past expiry. */
export const statusFilters = ["valid", "invalid", "active", "scheduled", "expired"] as const;
export type StatusFilter = (typeof statusFilters)[number];

/** Whether a coupon's window passes a `status` filter at `now`. */
export function passesStatus(window: Window, status: StatusFilter, now: string): boolean {
  const valid = isValid(window);
  switch (status) {
    case "valid":
      return valid;
    case "invalid":
      return !valid;
    case "active":
      return isActive(window, now);
    case "scheduled":
      return valid && now < window.published_at;
    case "expired":
      return valid && window.expire_at < now;
  }
}

/**
 * Whether two windows share a moment (both ends included). An invalid window is empty: it
 * overlaps nothing, so an invalid coupon never holds its code.
 */
export const windowsOverlap = (a: Window, b: Window) =>
  isValid(a) && isValid(b) && a.published_at <= b.expire_at && b.published_at <= a.expire_at;
