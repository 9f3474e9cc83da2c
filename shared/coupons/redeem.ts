import { randomBytes, randomInt } from "node:crypto";
import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { RedemptionView } from "#coupons/api/schemas";
import { batchGetAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";
import { cancellationReasons } from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import { webhookEventPut } from "#webhooks";
import { nowIso } from "./clock";
import { couponKeys, orderKey } from "./keys";
import { recordOf } from "./record";
import { type CouponTerms, cachedTerms, forgetTerms, rememberTerms } from "./terms-cache";
import { isActive } from "./validity";

/** Positions of the transaction's items, as in its cancellation reasons. */
const SHARD = 0;
const HOLDER_COUNT = 1;

/** One redemption attempt: this coupon's shard, under these terms, for this account. */
export interface RedemptionAttempt {
  couponId: string;
  shard: number;
  terms: number;
  accountId: string;
  perAccountLimit: number;
  redemptionId: string;
  redeemedAt: string;
}

/**
 * The redemption's one transaction: the shard counts it if the coupon's terms are still those
 * checked and its quota has room; the holder's count for the coupon stays under the limit; the
 * redemption item is created.
 */
export function redemptionTransaction(attempt: RedemptionAttempt) {
  const { couponId, shard, accountId, redemptionId, redeemedAt } = attempt;
  return new TransactWriteCommand({
    TransactItems: [
      {
        Update: {
          TableName: tableName,
          Key: couponKeys.shard(couponId, shard),
          UpdateExpression: "SET n = n + :one",
          ConditionExpression: "terms = :terms AND (attribute_not_exists(quota) OR n < quota)",
          ExpressionAttributeValues: { ":one": 1, ":terms": attempt.terms },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        },
      },
      {
        Update: {
          TableName: tableName,
          Key: couponKeys.holderCount(accountId, couponId),
          UpdateExpression: "SET n = if_not_exists(n, :zero) + :one",
          ConditionExpression: "attribute_not_exists(n) OR n < :limit",
          ExpressionAttributeValues: { ":zero": 0, ":one": 1, ":limit": attempt.perAccountLimit },
        },
      },
      {
        Put: {
          TableName: tableName,
          Item: {
            ...couponKeys.redemption(accountId, redeemedAt, redemptionId),
            id: redemptionId,
            coupon_id: couponId,
            account_id: accountId,
            redeemed_at: redeemedAt,
            gsi1pk: couponKeys.redemptionsOf(couponId, shard),
            gsi1sk: orderKey(redeemedAt, redemptionId),
          },
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      webhookEventPut(
        "coupon.redeemed",
        { id: redemptionId, coupon_id: couponId, account_id: accountId, redeemed_at: redeemedAt },
        Date.parse(redeemedAt),
      ),
    ],
  });
}

type Outcome = "redeemed" | "account_limit" | "stale" | "full";

async function attemptRedemption(attempt: RedemptionAttempt): Promise<Outcome> {
  try {
    await db.send(redemptionTransaction(attempt));
    return "redeemed";
  } catch (error) {
    const reasons = cancellationReasons(error);
    const failed = (index: number) => reasons?.[index]?.code === "ConditionalCheckFailed";
    if (!reasons || !(failed(SHARD) || failed(HOLDER_COUNT))) throw error;
    const shard = reasons[SHARD]?.item;
    // A deleted coupon has no shards; changed terms may change everything else: read again.
    if (failed(SHARD) && (!shard || shard.terms !== attempt.terms)) return "stale";
    if (failed(HOLDER_COUNT)) return "account_limit";
    return "full";
  }
}

/** The coupon's terms as stored now (strongly consistent), cached; 404 once it is gone. */
async function loadTerms(id: string): Promise<CouponTerms> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: couponKeys.coupon(id), ConsistentRead: true }),
  );
  if (!Item) {
    forgetTerms(id);
    throw DomainError.notFound("coupon");
  }
  return rememberTerms(recordOf(Item));
}

/** A random shard not known to be full, or undefined. */
function pickShard(coupon: CouponTerms): number | undefined {
  const open = Array.from({ length: coupon.shardCount }, (_, shard) => shard).filter(
    (shard) => !coupon.full.has(shard),
  );
  return open.length > 0 ? open[randomInt(open.length)] : undefined;
}

/**
 * Reads every shard once all seem full: a redemption is refused only when each shard is seen
 * full under the current terms. Returns false when the terms moved on (read the coupon again).
 */
async function refreshShards(coupon: CouponTerms): Promise<boolean> {
  const keys = Array.from({ length: coupon.shardCount }, (_, s) => couponKeys.shard(coupon.id, s));
  const shards = new Map((await batchGetAll(keys)).map((item) => [item.pk as string, item]));
  coupon.full.clear();
  for (const [shard, key] of keys.entries()) {
    const item = shards.get(key.pk);
    if (!item || item.terms !== coupon.terms) return false;
    if (item.quota !== undefined && (item.n as number) >= (item.quota as number)) {
      coupon.full.add(shard);
    }
  }
  return true;
}

/** Enough rounds to find every shard full one by one, and to follow a few changes of terms. */
const MAX_ROUNDS = 24;

/**
 * Redeems a coupon for an account: 409 `coupon_not_active` outside its window (or invalid),
 * `redemption_limit_reached` once max_redemptions are taken, `account_limit_reached` once the
 * account holds per_account_limit of them. Each holds under any concurrency: the transaction
 * checks them all, so a refused redemption changes nothing and no limit is ever overshot.
 */
export async function redeemCoupon(couponId: string, accountId: string): Promise<RedemptionView> {
  const cached = cachedTerms(couponId);
  let coupon = cached ?? (await loadTerms(couponId));
  let confirmed = !cached;
  const reload = async () => {
    coupon = await loadTerms(couponId);
    confirmed = true;
  };
  for (let round = 0; round < MAX_ROUNDS; round++) {
    const now = nowIso();
    if (!isActive(coupon.window, now)) {
      // A refusal is never made on a cached view alone.
      if (!confirmed) {
        await reload();
        continue;
      }
      throw new DomainError("coupon_not_active", "The coupon is not active now");
    }
    let shard = pickShard(coupon);
    if (shard === undefined) {
      if (!(await refreshShards(coupon))) {
        await reload();
        continue;
      }
      shard = pickShard(coupon);
      if (shard === undefined) {
        throw new DomainError(
          "redemption_limit_reached",
          "Every redemption of this coupon is taken",
        );
      }
    }
    const attempt: RedemptionAttempt = {
      couponId,
      shard,
      terms: coupon.terms,
      accountId,
      perAccountLimit: coupon.perAccountLimit,
      redemptionId: `rd_${randomBytes(16).toString("hex")}`,
      redeemedAt: now,
    };
    const outcome = await attemptRedemption(attempt);
    if (outcome === "redeemed") {
      return {
        id: attempt.redemptionId,
        coupon_id: couponId,
        account_id: accountId,
        redeemed_at: now,
      };
    }
    if (outcome === "account_limit") {
      throw new DomainError(
        "account_limit_reached",
        `This account has redeemed the coupon ${coupon.perAccountLimit} time(s), its limit`,
      );
    }
    if (outcome === "stale") await reload();
    else coupon.full.add(shard);
  }
  throw DomainError.busy();
}
