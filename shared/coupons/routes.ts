import { pageQuery } from "../http/page";
import { defineRoute, type RouteDefinition } from "../http/route";
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
const ETAG = { ETag: "The coupon's entity tag: send it in If-Match to change only this version" };

/** What the routes that change a coupon share: If-Match, the code rule, the limits. */
const changeRoute = {
  access: "manager",
  tags,
  params: couponParams,
  headers: ifMatchHeaders,
  responses: { 200: { description: "The coupon as changed", schema: couponView, headers: ETAG } },
  errors: [
    { status: 409, code: "code_taken" },
    { status: 409, code: "max_redemptions_below_count" },
    { status: 412, code: "precondition_failed" },
  ],
  // One transaction of Puts, Deletes and Updates (coupon, listings, code claims, shards), after
  // GetItems of the coupon and claims and a BatchGetItem of the shards' counts.
  tableActions: [
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:PutItem",
    "dynamodb:DeleteItem",
    "dynamodb:UpdateItem",
  ],
} satisfies Partial<RouteDefinition>;

export const createCouponRoute = defineRoute({
  method: "POST",
  path: "/v1/coupons",
  handler: "coupons/create-coupon.ts",
  access: "manager",
  summary: "Create a coupon",
  tags,
  body: couponBody,
  responses: {
    201: {
      description: "The new coupon",
      schema: couponView,
      headers: { ...ETAG, Location: "The coupon's URL" },
    },
  },
  errors: [{ status: 409, code: "code_taken" }],
  tableActions: ["dynamodb:GetItem", "dynamodb:PutItem"],
});

export const listCouponsRoute = defineRoute({
  method: "GET",
  path: "/v1/coupons",
  handler: "coupons/list-coupons.ts",
  access: "public",
  summary:
    "List coupons: every filter combines; newest first, by time for the time filters, nearest first with `near`",
  tags,
  query: listCouponsQuery,
  responses: { 200: { description: "A page of coupons", schema: couponPage } },
  tableActions: ["dynamodb:Query", "dynamodb:BatchGetItem"],
});

export const getCouponRoute = defineRoute({
  method: "GET",
  path: "/v1/coupons/{coupon_id}",
  handler: "coupons/get-coupon.ts",
  access: "public",
  summary: "One coupon with its live redemption count",
  tags,
  params: couponParams,
  responses: { 200: { description: "The coupon", schema: couponView, headers: ETAG } },
  tableActions: ["dynamodb:BatchGetItem"],
});

export const replaceCouponRoute = defineRoute({
  ...changeRoute,
  method: "PUT",
  path: "/v1/coupons/{coupon_id}",
  handler: "coupons/replace-coupon.ts",
  summary: "Replace a coupon (fields left out take their defaults)",
  body: couponBody,
});

export const patchCouponRoute = defineRoute({
  ...changeRoute,
  method: "PATCH",
  path: "/v1/coupons/{coupon_id}",
  handler: "coupons/patch-coupon.ts",
  summary: "Change a coupon with a JSON merge patch (null removes an optional field)",
  body: couponPatchBody,
});

export const deleteCouponRoute = defineRoute({
  method: "DELETE",
  path: "/v1/coupons/{coupon_id}",
  handler: "coupons/delete-coupon.ts",
  access: "manager",
  summary: "Delete a coupon: no one can redeem it after; its redemptions stay listed for holders",
  tags,
  params: couponParams,
  headers: ifMatchHeaders,
  responses: { 204: { description: "The coupon is deleted" } },
  errors: [{ status: 412, code: "precondition_failed" }],
  tableActions: ["dynamodb:GetItem", "dynamodb:PutItem", "dynamodb:DeleteItem"],
});

export const redeemCouponRoute = defineRoute({
  method: "POST",
  path: "/v1/coupons/{coupon_id}/redemptions",
  handler: "coupons/redeem-coupon.ts",
  access: "account",
  summary: "Redeem a coupon, within its redemption and per-account limits",
  tags,
  params: couponParams,
  responses: { 201: { description: "The redemption", schema: redemptionView } },
  errors: [
    { status: 409, code: "coupon_not_active" },
    { status: 409, code: "redemption_limit_reached" },
    { status: 409, code: "account_limit_reached" },
  ],
  // GetItems of the session and the coupon, a BatchGetItem of the shards once all look full,
  // and one transaction of two Updates and a Put.
  tableActions: [
    "dynamodb:GetItem",
    "dynamodb:BatchGetItem",
    "dynamodb:UpdateItem",
    "dynamodb:PutItem",
  ],
  usesHashKey: true,
});

export const listCouponRedemptionsRoute = defineRoute({
  method: "GET",
  path: "/v1/coupons/{coupon_id}/redemptions",
  handler: "coupons/list-coupon-redemptions.ts",
  access: "manager",
  summary: "A coupon's redemptions, newest first",
  tags,
  params: couponParams,
  query: pageQuery,
  responses: { 200: { description: "A page of redemptions", schema: redemptionPage } },
  tableActions: ["dynamodb:GetItem", "dynamodb:Query"],
});

export const listMyRedemptionsRoute = defineRoute({
  method: "GET",
  path: "/v1/accounts/me/redemptions",
  handler: "coupons/list-my-redemptions.ts",
  access: "account",
  summary: "One's own redemptions, newest first (those of deleted coupons too)",
  tags,
  query: pageQuery,
  responses: { 200: { description: "A page of redemptions", schema: redemptionPage } },
  tableActions: ["dynamodb:GetItem", "dynamodb:Query"],
  usesHashKey: true,
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
