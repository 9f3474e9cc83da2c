// The coupon handlers called in-process, free of vitest: the tests, the bench and the seed's test
// share them.
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { newAccountId, newSessionToken } from "#accounts/core/tokens";
import { sessionPuts } from "#accounts/store/session-store";
import { clock } from "#platform/clock";
import { keyedHash } from "#platform/crypto/hash-key";
import { db } from "#platform/db/client";
import { handler as createCoupon } from "../../functions/coupons/create-coupon";
import { handler as deleteCoupon } from "../../functions/coupons/delete-coupon";
import { handler as getCoupon } from "../../functions/coupons/get-coupon";
import { handler as listCouponRedemptions } from "../../functions/coupons/list-coupon-redemptions";
import { handler as listCoupons } from "../../functions/coupons/list-coupons";
import { handler as listMyRedemptions } from "../../functions/coupons/list-my-redemptions";
import { handler as patchCoupon } from "../../functions/coupons/patch-coupon";
import { handler as redeemCoupon } from "../../functions/coupons/redeem-coupon";
import { handler as replaceCoupon } from "../../functions/coupons/replace-coupon";
import { couponListingsCaughtUp } from "./coupon-listings-runner";
import { invoke } from "./lambda-event";

/** Inside MANAGER_CIDRS of the test environment. */
const MANAGER_IP = "127.0.0.1";

const coupon = (id: string) => ({ path: `/v1/coupons/${id}`, pathParameters: { coupon_id: id } });
const ifMatch = (etag?: string): Record<string, string> => (etag ? { "if-match": etag } : {});
const bearer = (token?: string): Record<string, string> =>
  token ? { authorization: `Bearer ${token}` } : {};

/** The coupon routes' handlers, called in-process with API Gateway events. */
export const couponApi = {
  create: (body: unknown, sourceIp = MANAGER_IP) =>
    invoke(createCoupon, { method: "POST", path: "/v1/coupons", body, sourceIp }),
  /** A list page once the lists show every write made before (they follow the stream). */
  list: async (query: Record<string, string> = {}) => {
    await couponListingsCaughtUp();
    return couponApi.listAsIs(query);
  },
  /** A list page as the lists stand now, maybe behind the latest writes. */
  listAsIs: (query: Record<string, string> = {}) =>
    invoke(listCoupons, { path: "/v1/coupons", query }),
  get: (id: string) => invoke(getCoupon, coupon(id)),
  replace: (id: string, body: unknown, etag?: string, sourceIp = MANAGER_IP) =>
    invoke(replaceCoupon, { ...coupon(id), method: "PUT", body, headers: ifMatch(etag), sourceIp }),
  patch: (id: string, body: unknown, etag?: string, sourceIp = MANAGER_IP) =>
    invoke(patchCoupon, { ...coupon(id), method: "PATCH", body, headers: ifMatch(etag), sourceIp }),
  delete: (id: string, etag?: string, sourceIp = MANAGER_IP) =>
    invoke(deleteCoupon, { ...coupon(id), method: "DELETE", headers: ifMatch(etag), sourceIp }),
  redeem: (id: string, token?: string) =>
    invoke(redeemCoupon, {
      method: "POST",
      path: `/v1/coupons/${id}/redemptions`,
      pathParameters: { coupon_id: id },
      headers: bearer(token),
    }),
  redemptions: (id: string, query: Record<string, string> = {}, sourceIp = MANAGER_IP) =>
    invoke(listCouponRedemptions, {
      path: `/v1/coupons/${id}/redemptions`,
      pathParameters: { coupon_id: id },
      query,
      sourceIp,
    }),
  myRedemptions: (token?: string, query: Record<string, string> = {}) =>
    invoke(listMyRedemptions, {
      path: "/v1/accounts/me/redemptions",
      query,
      headers: bearer(token),
    }),
};

/**
 * Every page of `GET /v1/coupons`, following next_cursor; throws on an error or on an empty
 * page after the first (a list must say it ended instead of leading to nothing).
 */
export async function everyCouponPage(query: Record<string, string>, limit: number) {
  // biome-ignore lint/suspicious/noExplicitAny: the items as the API returned them
  const pages: any[][] = [];
  let cursor: string | undefined;
  do {
    const response = await couponApi.list({
      ...query,
      limit: String(limit),
      ...(cursor ? { cursor } : {}),
    });
    if (response.status !== 200)
      throw new Error(`list answered ${response.status}: ${JSON.stringify(response.body)}`);
    if (cursor && response.body.items.length === 0) throw new Error("an empty page after a cursor");
    pages.push(response.body.items);
    cursor = response.body.next_cursor ?? undefined;
  } while (cursor);
  return pages;
}

/**
 * An account holder with a live session, made without registering (no argon2 per holder): its
 * token is a real one, looked up and checked by the very authentication every route uses.
 */
export async function newHolder(): Promise<{ accountId: string; token: string }> {
  const token = newSessionToken();
  const accountId = newAccountId();
  // The service's clock: a test that moves it gets holders whose sessions live at that time.
  const now = clock.now();
  await db.send(
    new TransactWriteCommand({
      TransactItems: sessionPuts(
        { accountId, tokenHash: await keyedHash(token), expiresAtMs: now + 3_600_000 },
        now,
      ),
    }),
  );
  return { accountId, token };
}

/** `count` holders, made a few at a time (a burst of sessions is not what is under test). */
export async function newHolders(count: number) {
  const holders: { accountId: string; token: string }[] = [];
  while (holders.length < count) {
    const batch = Math.min(10, count - holders.length);
    holders.push(...(await Promise.all(Array.from({ length: batch }, () => newHolder()))));
  }
  return holders;
}

let codes = 0;

/** A valid coupon body with a unique code, active for a year around `at`; `change` overrides. */
export function couponBody(change: Record<string, unknown> = {}, at = Date.now()) {
  return {
    code: `CODE${Date.now().toString(36)}${codes++}`,
    title: "25% off coffee",
    description: "One drink per visit.",
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
    published_at: new Date(at - 180 * 86_400_000).toISOString(),
    expire_at: new Date(at + 180 * 86_400_000).toISOString(),
    ...change,
  };
}
