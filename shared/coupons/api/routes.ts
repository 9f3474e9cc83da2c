import { couponMetrics } from "#coupons/api/metrics";
import {
  defineRoute,
  type RouteDefinition,
  type TableAction,
} from "#platform/function-definitions";
import { pageQuery } from "#platform/http/page";
import { idempotencyKeyReused, optionalIdempotencyKeyHeaders } from "#platform/idempotency/header";
import {
  couponBody,
  couponPage,
  couponParams,
  couponPatchBody,
  couponView,
  ifMatchHeaders,
  listCouponsQuery,
  redemptionPage,
  redemptionView,
} from "./schemas";

const tags = ["coupons"];

const couponId = "c_0123456789abcdef0123456789abcdef";
const couponInput = {
  code: "SUMMER25",
  title: "25% off coffee",
  description: "Any coffee, any size, once per customer",
  category: "Food",
  merchant: "Cafe Uno",
  store: {
    street: "1 Pike St",
    city: "Seattle",
    state: "WA",
    zip: "98101",
    phone: "+1 (206) 555-0100",
    lat: 47.6097,
    long: -122.3422,
  },
  published_at: "2026-11-01T00:00:00.000Z",
  expire_at: "2026-12-31T23:59:59.000Z",
  max_redemptions: 100,
  per_account_limit: 1,
};
const couponExample = {
  id: couponId,
  ...couponInput,
  status: "valid",
  active: true,
  redemption_count: 3,
  created_at: "2026-10-30T12:00:00.000Z",
  updated_at: "2026-10-30T12:00:00.000Z",
};
const redemptionExample = {
  id: "rd_0123456789abcdef0123456789abcdef",
  coupon_id: couponId,
  account_id: "a_3q2-7wEjRbmEYBRcXxjZ9w",
  redeemed_at: "2026-11-21T10:00:00.000Z",
};
const redemptionPageResponse = {
  200: {
    description: "A page of redemptions, newest first",
    schema: redemptionPage,
    example: { items: [redemptionExample], next_cursor: null },
  },
};
const byId = { coupon_id: couponId };
const etagValue = '"v3"';

/** What the routes that change a coupon share: If-Match, the code rule, the limits. */
const changeRoute = {
  access: "manager",
  tags,
  params: couponParams,
  headers: ifMatchHeaders,
  responses: {
    200: {
      description: "The coupon as changed",
      schema: couponView,
      example: couponExample,
      headers: ["ETag"],
    },
  },
  errors: [
    {
      status: 409,
      code: "code_taken",
      description: "Another coupon of this merchant has this code in an overlapping window",
    },
    {
      status: 409,
      code: "max_redemptions_below_count",
      description: "max_redemptions would be below the redemptions already made",
    },
    {
      status: 412,
      code: "precondition_failed",
      description: "If-Match does not name the coupon's current version",
    },
  ],
} satisfies Partial<RouteDefinition>;

/**
 * What a change does: one transaction of Puts, Deletes and Updates (coupon, code claims,
 * shards), after GetItems of the coupon and claims and a BatchGetItem of the shards' counts.
 * The listings follow from the stream (`coupons/keep-listings`).
 */
const changeActions: TableAction[] = [
  "dynamodb:GetItem",
  "dynamodb:BatchGetItem",
  "dynamodb:PutItem",
  "dynamodb:DeleteItem",
  "dynamodb:UpdateItem",
];

export const createCouponRoute = defineRoute({
  method: "POST",
  path: "/v1/coupons",
  access: "manager",
  summary: "Create a coupon",
  tags,
  headers: optionalIdempotencyKeyHeaders,
  body: couponBody,
  requestExample: {
    headers: { "Idempotency-Key": "c4a7e2d9-8b13-4f6e-a05c-7d2b9e1f3a68" },
    body: couponInput,
  },
  responses: {
    201: {
      description:
        "The new coupon; a replay of an Idempotency-Key's first request says " +
        "`Idempotent-Replayed: true`",
      schema: couponView,
      example: { ...couponExample, redemption_count: 0 },
      headers: ["ETag", "Location", "Idempotent-Replayed"],
    },
  },
  errors: [
    {
      status: 409,
      code: "code_taken",
      description: "Another coupon of this merchant has this code in an overlapping window",
    },
    idempotencyKeyReused,
  ],
  answerMetrics: { 201: couponMetrics.CouponsCreated },
  function: {
    handler: "coupons/create-coupon.ts",
    tableActions: ["dynamodb:GetItem", "dynamodb:PutItem"],
  },
});

export const listCouponsRoute = defineRoute({
  method: "GET",
  path: "/v1/coupons",
  access: "public",
  summary:
    "List coupons: every filter combines; newest first, by time for the time filters, nearest first with `near`",
  tags,
  query: listCouponsQuery,
  requestExample: { query: { status: "active", near: "47.6097,-122.3422", radius_km: "2" } },
  responses: {
    200: {
      description:
        "A page of coupons, as the lists stand: they follow the writes by way of the table's " +
        "stream, a moment behind (a coupon's own GET is exact, its `redemption_count` live)",
      schema: couponPage,
      example: { items: [{ ...couponExample, distance_km: 0.42 }], next_cursor: null },
    },
  },
  function: {
    handler: "coupons/list-coupons.ts",
    tableActions: ["dynamodb:Query"],
  },
});

export const getCouponRoute = defineRoute({
  method: "GET",
  path: "/v1/coupons/{coupon_id}",
  access: "public",
  summary: "One coupon with its live redemption count",
  tags,
  params: couponParams,
  requestExample: { params: byId },
  responses: {
    200: {
      description: "The coupon",
      schema: couponView,
      example: couponExample,
      headers: ["ETag"],
    },
  },
  function: {
    handler: "coupons/get-coupon.ts",
    tableActions: ["dynamodb:BatchGetItem"],
  },
});

export const replaceCouponRoute = defineRoute({
  ...changeRoute,
  method: "PUT",
  path: "/v1/coupons/{coupon_id}",
  summary: "Replace a coupon (fields left out take their defaults)",
  body: couponBody,
  requestExample: { params: byId, headers: { "If-Match": etagValue }, body: couponInput },
  function: {
    handler: "coupons/replace-coupon.ts",
    tableActions: changeActions,
  },
});

export const patchCouponRoute = defineRoute({
  ...changeRoute,
  method: "PATCH",
  path: "/v1/coupons/{coupon_id}",
  summary: "Change a coupon with a JSON merge patch (null removes an optional field)",
  body: couponPatchBody,
  requestExample: {
    params: byId,
    headers: { "If-Match": etagValue },
    body: { title: "30% off coffee", description: null },
  },
  function: {
    handler: "coupons/patch-coupon.ts",
    tableActions: changeActions,
  },
});

export const deleteCouponRoute = defineRoute({
  method: "DELETE",
  path: "/v1/coupons/{coupon_id}",
  access: "manager",
  summary: "Delete a coupon: no one can redeem it after; its redemptions stay listed for holders",
  tags,
  params: couponParams,
  headers: ifMatchHeaders,
  requestExample: { params: byId, headers: { "If-Match": etagValue } },
  responses: { 204: { description: "The coupon is deleted" } },
  errors: [
    {
      status: 412,
      code: "precondition_failed",
      description: "If-Match does not name the coupon's current version",
    },
  ],
  function: {
    handler: "coupons/delete-coupon.ts",
    tableActions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
  },
});

export const redeemCouponRoute = defineRoute({
  method: "POST",
  path: "/v1/coupons/{coupon_id}/redemptions",
  access: "account",
  summary: "Redeem a coupon, within its redemption and per-account limits",
  tags,
  params: couponParams,
  headers: optionalIdempotencyKeyHeaders,
  requestExample: {
    params: byId,
    headers: { "Idempotency-Key": "3f81b6c2-9e4d-4a07-b5c8-2d6e0f9a1b74" },
  },
  responses: {
    201: {
      description:
        "The redemption; a replay of an Idempotency-Key's first request (keys are the " +
        "account's own) says `Idempotent-Replayed: true`",
      schema: redemptionView,
      example: redemptionExample,
      headers: ["Idempotent-Replayed"],
    },
  },
  errors: [
    idempotencyKeyReused,
    {
      status: 409,
      code: "coupon_not_active",
      description: "The coupon is invalid, not yet published or expired",
    },
    {
      status: 409,
      code: "redemption_limit_reached",
      description: "The coupon has had its max_redemptions",
    },
    {
      status: 409,
      code: "account_limit_reached",
      description: "This account has redeemed the coupon per_account_limit times",
    },
  ],
  answerMetrics: { 201: couponMetrics.CouponsRedeemed, 409: couponMetrics.RedemptionsRefused },
  function: {
    handler: "coupons/redeem-coupon.ts",
    // GetItems of the session and the coupon, a BatchGetItem of the shards once all look full,
    // and one transaction of two Updates and a Put.
    tableActions: [
      "dynamodb:GetItem",
      "dynamodb:BatchGetItem",
      "dynamodb:UpdateItem",
      "dynamodb:PutItem",
    ],
    usesHashKey: true,
  },
});

export const listCouponRedemptionsRoute = defineRoute({
  method: "GET",
  path: "/v1/coupons/{coupon_id}/redemptions",
  access: "manager",
  summary: "A coupon's redemptions, newest first",
  tags,
  params: couponParams,
  query: pageQuery,
  requestExample: { params: byId, query: { limit: "20" } },
  responses: redemptionPageResponse,
  function: {
    handler: "coupons/list-coupon-redemptions.ts",
    tableActions: ["dynamodb:GetItem", "dynamodb:Query"],
  },
});

export const listMyRedemptionsRoute = defineRoute({
  method: "GET",
  path: "/v1/accounts/me/redemptions",
  access: "account",
  summary: "One's own redemptions, newest first (those of deleted coupons too)",
  tags,
  query: pageQuery,
  requestExample: { query: { limit: "20" } },
  responses: redemptionPageResponse,
  function: {
    handler: "coupons/list-my-redemptions.ts",
    tableActions: ["dynamodb:GetItem", "dynamodb:Query"],
    usesHashKey: true,
  },
});

export const couponRoutes = [
  createCouponRoute,
  listCouponsRoute,
  getCouponRoute,
  replaceCouponRoute,
  patchCouponRoute,
  deleteCouponRoute,
  redeemCouponRoute,
  listCouponRedemptionsRoute,
  listMyRedemptionsRoute,
];
