import * as z from "zod";
import { isCouponId } from "#coupons/core/coupon";
import { statusFilters } from "#coupons/core/validity";
import { ifMatchHeader } from "#platform/http/etag";
import { pageOf, pageQuery } from "#platform/http/page";
import { pathId } from "#platform/http/path-id";

/** One line of text: trimmed, 1–max characters, no control characters. */
const line = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, "Must not contain control characters");

/** A phone as people write it: `547-2445`, `+1 (206) 555-0100`. */
const phone = z
  .string()
  .trim()
  .regex(/^[0-9 +\-().]{1,32}$/, "1 to 32 of digits, spaces and + - ( ) .")
  .regex(/\d/, "Must contain a digit");

/** The latest instant a coupon may name: stored times must keep four-digit years to sort. */
const LAST_INSTANT = Date.parse("9999-12-31T23:59:59.999Z");

/** An ISO 8601 time with an offset (`Z` or ±hh:mm), stored in UTC with milliseconds. */
const instant = z.iso
  .datetime({
    offset: true,
    error: "Must be an ISO 8601 time with an offset, e.g. 2026-11-01T00:00:00.000Z",
  })
  .transform((text, context) => {
    const ms = Date.parse(text);
    if (ms >= 0 && ms <= LAST_INSTANT) return new Date(ms).toISOString();
    context.issues.push({
      code: "custom",
      message: "Must be from 1970 to 9999 (UTC)",
      input: text,
    });
    return z.NEVER;
  });

const storeBody = z.strictObject({
  street: line(200),
  city: line(100),
  state: line(100).optional(),
  zip: line(20).optional(),
  phone: phone.optional(),
  lat: z.number().min(-90).max(90),
  long: z.number().min(-180).max(180),
});

/** `POST /v1/coupons` and `PUT /v1/coupons/{id}`; also what a merge patch must result in. */
export const couponBody = z
  .strictObject({
    code: line(64).meta({
      description: "Unique at its merchant among overlapping windows (ignoring case)",
    }),
    title: line(200),
    description: z.string().trim().min(1).max(2000).optional(),
    category: line(100).optional(),
    merchant: line(100),
    store: storeBody,
    published_at: instant,
    expire_at: instant.meta({ description: "Before published_at makes the coupon invalid" }),
    max_redemptions: z
      .number()
      .int()
      .min(1)
      .max(1_000_000_000)
      .nullable()
      .default(null)
      .meta({ description: "null: unlimited" }),
    per_account_limit: z.number().int().min(1).max(1_000_000).default(1),
  })
  .meta({ id: "CouponBody" });
export type CouponInput = z.output<typeof couponBody>;

// A merge patch is checked for its shape here (known fields only, JSON values); what it results
// in is then validated as a whole against `couponBody`.
const patchValue = z.unknown();
/** `PATCH /v1/coupons/{id}`: a JSON merge patch (RFC 7396) of the coupon's fields. */
export const couponPatchBody = z.strictObject({
  code: patchValue.optional(),
  title: patchValue.optional(),
  description: patchValue.optional(),
  category: patchValue.optional(),
  merchant: patchValue.optional(),
  store: z
    .union([
      z.strictObject({
        street: patchValue.optional(),
        city: patchValue.optional(),
        state: patchValue.optional(),
        zip: patchValue.optional(),
        phone: patchValue.optional(),
        lat: patchValue.optional(),
        long: patchValue.optional(),
      }),
      z.null(),
    ])
    .optional(),
  published_at: patchValue.optional(),
  expire_at: patchValue.optional(),
  max_redemptions: patchValue.optional(),
  per_account_limit: patchValue.optional(),
});

export const couponParams = z.object({
  coupon_id: pathId("coupon", "c_0123456789abcdef0123456789abcdef", (id) =>
    isCouponId(id) ? id : undefined,
  ),
});

/** `If-Match` on the routes that change a coupon. */
export const ifMatchHeaders = z.object({ "If-Match": ifMatchHeader });

const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)$/;
const coordinates = z
  .string()
  .transform((text, context) => {
    const parts = text.split(",");
    const [lat, lon] = parts.map((part) => part.trim());
    if (parts.length === 2 && lat && lon && NUMBER.test(lat) && NUMBER.test(lon)) {
      const point = { lat: Number(lat), lon: Number(lon) };
      if (Math.abs(point.lat) <= 90 && Math.abs(point.lon) <= 180) return point;
    }
    context.issues.push({
      code: "custom",
      message: "Must be <lat>,<long> in decimal degrees, lat −90…90 and long −180…180",
      input: text,
    });
    return z.NEVER;
  })
  .meta({ description: "`<lat>,<long>`, e.g. 47.6097,-122.3422" });

const radius = z
  .string()
  .regex(NUMBER, "Must be a number of km from 0.1 to 50")
  .transform(Number)
  .pipe(z.number().min(0.1, "At least 0.1 km").max(50, "At most 50 km"));

/** `GET /v1/coupons`: every filter combines with every other. */
export const listCouponsQuery = pageQuery
  .extend({
    status: z.enum(statusFilters).optional(),
    category: line(100).optional(),
    merchant: line(100).optional(),
    city: line(100).optional(),
    code: line(64).optional().meta({ description: "Exact, ignoring case" }),
    near: coordinates.optional(),
    radius_km: radius.optional().meta({ description: "0.1–50, with `near`" }),
  })
  .superRefine((query, context) => {
    if (query.near !== undefined && query.radius_km === undefined) {
      context.addIssue({ code: "custom", path: ["radius_km"], message: "Required with near" });
    }
    if (query.near === undefined && query.radius_km !== undefined) {
      context.addIssue({ code: "custom", path: ["near"], message: "Required with radius_km" });
    }
  });
export type ListCouponsQuery = z.output<typeof listCouponsQuery>;

const storeView = z.object({
  street: z.string(),
  city: z.string(),
  state: z.string().nullable(),
  zip: z.string().nullable(),
  phone: z.string().nullable(),
  lat: z.number(),
  long: z.number(),
});

export const couponView = z
  .object({
    id: z.string(),
    code: z.string(),
    title: z.string(),
    description: z.string().nullable(),
    category: z.string().nullable(),
    merchant: z.string(),
    store: storeView,
    published_at: z.iso.datetime(),
    expire_at: z.iso.datetime(),
    status: z.enum(["valid", "invalid"]),
    active: z.boolean(),
    max_redemptions: z.number().int().nullable(),
    per_account_limit: z.number().int(),
    redemption_count: z.number().int(),
    created_at: z.iso.datetime(),
    updated_at: z.iso.datetime(),
  })
  .meta({ id: "Coupon" });
export type CouponView = z.output<typeof couponView>;

const listedCouponView = couponView.extend({
  distance_km: z.number().optional().meta({ description: "With `near`: from that point, in km" }),
});
export type ListedCouponView = z.output<typeof listedCouponView>;
export const couponPage = pageOf(listedCouponView);

export const redemptionView = z.object({
  id: z.string(),
  coupon_id: z.string(),
  account_id: z.string(),
  redeemed_at: z.iso.datetime(),
});
export type RedemptionView = z.output<typeof redemptionView>;
export const redemptionPage = pageOf(redemptionView).meta({ id: "RedemptionPage" });
