import { afterEach, describe, expect, it } from "vitest";
import { clock } from "#platform/clock";
import { couponApi, couponBody, newHolder } from "../../support/coupon-calls";
import { described, useEmfCapture } from "../../support/emf";

const emf = useEmfCapture();

afterEach(() => {
  clock.now = () => Date.now();
});

describe("the coupons' metrics", () => {
  it("count a coupon created, a redemption, and each refused redemption by its reason", async () => {
    const created = await couponApi.create(
      couponBody({ max_redemptions: 2, per_account_limit: 1 }),
    );
    expect(created.status).toBe(201);
    const id = created.body.id as string;
    const [first, second, third] = [await newHolder(), await newHolder(), await newHolder()];
    expect(described(emf.take())).toEqual(["CouponsCreated 1"]);

    expect((await couponApi.redeem(id, first.token)).status).toBe(201);
    expect(described(emf.take())).toEqual(["CouponsRedeemed 1"]);

    expect((await couponApi.redeem(id, first.token)).status).toBe(409);
    expect(described(emf.take())).toEqual(["RedemptionsRefused reason=account_limit_reached 1"]);

    expect((await couponApi.redeem(id, second.token)).status).toBe(201);
    expect((await couponApi.redeem(id, third.token)).status).toBe(409);
    expect(described(emf.take())).toEqual([
      "CouponsRedeemed 1",
      "RedemptionsRefused reason=redemption_limit_reached 1",
    ]);

    // One clock moves the coupon's "now" and the session's: a holder who logs in a year later.
    clock.now = () => Date.now() + 365 * 86_400_000;
    const later = await newHolder();
    emf.take();
    expect((await couponApi.redeem(id, later.token)).status).toBe(409);
    expect(described(emf.take())).toEqual(["RedemptionsRefused reason=coupon_not_active 1"]);
  });

  it("count nothing for reads", async () => {
    const created = await couponApi.create(couponBody());
    emf.take();
    expect((await couponApi.get(created.body.id)).status).toBe(200);
    expect((await couponApi.list()).status).toBe(200);
    expect(described(emf.take())).toEqual([]);
  });
});
