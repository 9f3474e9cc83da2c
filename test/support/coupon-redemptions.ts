// Redemption helpers the coupon tests share: create a coupon, list its redemptions, count answers.
import { expect } from "vitest";
import { couponApi, couponBody } from "./coupon-calls";

/** Creates a coupon from the sample body with `change` applied; its id. */
export async function createCoupon(change: Record<string, unknown> = {}) {
  const response = await couponApi.create(couponBody(change));
  expect(response.status, JSON.stringify(response.body)).toBe(201);
  return response.body.id as string;
}

/** Every redemption the manager's list shows, page after page. */
export async function listedRedemptions(id: string) {
  const all: { id: string; account_id: string; redeemed_at: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await couponApi.redemptions(id, { limit: "7", ...(cursor ? { cursor } : {}) });
    expect(page.status).toBe(200);
    all.push(...page.body.items);
    cursor = page.body.next_cursor ?? undefined;
  } while (cursor);
  return all;
}

/** How many answers of each status (and problem code) came back. */
export const statuses = (responses: { status: number; body: { code?: string } }[]) => {
  const counts: Record<string, number> = {};
  for (const r of responses) {
    const key = r.status === 201 ? "201" : `${r.status} ${r.body.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};
