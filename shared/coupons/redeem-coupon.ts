import { randomBytes, randomInt } from "node:crypto";
import {
  accountLimitReached,
  activeStep,
  type CouponTerms,
  fullShards,
  limitReached,
  pickShard,
  type Redemption,
  unwrittenShard,
} from "#coupons/core/redemption";
import { findCoupon } from "#coupons/store/coupon-reads";
import { couponIdempotencyScopes } from "#coupons/store/keys";
import {
  attemptRedemption,
  type RedemptionAttempt,
  readShards,
} from "#coupons/store/redemption-writes";
import { nowIso } from "#platform/clock";
import { DomainError } from "#platform/errors";
import { type IdempotentResult, once, type RecordItems } from "#platform/idempotency/once";
import { webhookEventPut } from "#webhooks";
import { cachedTerms, forgetTerms, rememberTerms } from "./terms-cache";

/** The coupon's terms as stored now (strongly consistent), cached; 404 once it is gone. */
async function loadTerms(id: string): Promise<CouponTerms> {
  const record = await findCoupon(id);
  if (!record) {
    forgetTerms(id);
    throw DomainError.notFound("coupon");
  }
  return rememberTerms(record);
}

/**
 * Reads every shard once all seem full: a redemption is refused only when each shard is seen
 * full under the current terms. Returns false when the terms moved on (read the coupon again).
 */
async function refreshShards(coupon: CouponTerms): Promise<boolean> {
  const full = fullShards(coupon, await readShards(coupon));
  coupon.full.clear();
  if (!full) return false;
  for (const shard of full) coupon.full.add(shard);
  return true;
}

/** Enough rounds to find every shard full one by one, and to follow a few changes of terms. */
const MAX_ROUNDS = 24;

/**
 * Redeems a coupon for an account: 409 `coupon_not_active` outside its window (or invalid),
 * `redemption_limit_reached` once max_redemptions are taken, `account_limit_reached` once the
 * account holds per_account_limit of them. Each holds under any concurrency: the transaction
 * checks them all, so a refused redemption changes nothing and no limit is ever overshot. With
 * an `Idempotency-Key` (scoped to the account), at most once per key: the key's record joins
 * the redemption's transaction.
 */
export function redeemCoupon(
  couponId: string,
  accountId: string,
  idempotencyKey?: string,
): Promise<IdempotentResult<Redemption>> {
  const request = {
    scope: couponIdempotencyScopes.redemptions(accountId),
    key: idempotencyKey,
    operation: "coupons.redeem_coupon",
    input: { coupon_id: couponId },
  };
  return once(request, (records) => redeem(couponId, accountId, records));
}

async function redeem(couponId: string, accountId: string, records: RecordItems) {
  const cached = cachedTerms(couponId);
  let coupon = cached ?? (await loadTerms(couponId));
  let confirmed = !cached;
  const reload = async () => {
    coupon = await loadTerms(couponId);
    confirmed = true;
  };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const now = nowIso();
    if (activeStep(coupon, now, confirmed) === "reload") {
      await reload();
      continue;
    }
    let shard = pickShard(coupon, randomInt);
    if (shard === undefined) {
      if (!(await refreshShards(coupon))) {
        await reload();
        continue;
      }
      shard = pickShard(coupon, randomInt);
      if (shard === undefined) throw limitReached();
    }
    const redemption: Redemption = {
      id: `rd_${randomBytes(16).toString("hex")}`,
      coupon_id: couponId,
      account_id: accountId,
      redeemed_at: now,
    };
    const response = { status: 201, headers: {}, body: redemption };
    const attempt: RedemptionAttempt = {
      couponId,
      shard,
      terms: coupon.terms,
      accountId,
      perAccountLimit: coupon.perAccountLimit,
      unwritten: unwrittenShard(coupon, shard),
      redemptionId: redemption.id,
      redeemedAt: now,
      // The idempotency record and the coupon.redeemed webhook event commit with the redemption.
      alongside: [
        ...records(response),
        webhookEventPut("coupon.redeemed", redemption, Date.parse(now)),
      ],
    };
    const outcome = await attemptRedemption(attempt);
    if (outcome === "redeemed") return response;
    if (outcome === "account_limit") throw accountLimitReached(coupon.perAccountLimit);
    if (outcome === "stale") await reload();
    else coupon.full.add(shard);
  }
  throw DomainError.busy();
}
