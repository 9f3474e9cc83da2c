import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { CouponTerms, RedemptionOutcome, ShardState } from "#coupons/core/redemption";
import { refusalOf } from "#coupons/core/redemption";
import { batchGetAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";
import { cancellationReasons, type TransactItem } from "#platform/db/transactions";
import { throwIfKeyTaken } from "#platform/idempotency/once";
import { COUPON_SHARD_TYPE, couponKeys } from "./keys";
import { toRedemptionItem } from "./redemption-item";
import { fromShardItem } from "./shard-item";

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
  /**
   * Under the coupon's first terms the shard may not be written yet (see `unwrittenShard`): the
   * redemption writes it, with this quota (none: unlimited). Undefined under later terms.
   */
  unwritten?: { quota?: number } | undefined;
  redemptionId: string;
  redeemedAt: string;
  /** Items joining the transaction: the Idempotency-Key's record. */
  alongside?: readonly TransactItem[];
}

const HAS_ROOM = "terms = :terms AND (attribute_not_exists(quota) OR n < quota)";

/**
 * The shard's Update: counts one if the coupon's terms are still those checked and its quota
 * has room; under the first terms, a shard not written yet is written now, as it was created.
 */
function shardCount(attempt: RedemptionAttempt) {
  const { couponId, shard, unwritten } = attempt;
  const key = couponKeys.shard(couponId, shard);
  if (!unwritten) {
    return {
      Key: key,
      UpdateExpression: "SET n = n + :one",
      ConditionExpression: HAS_ROOM,
      ExpressionAttributeValues: { ":one": 1, ":terms": attempt.terms },
    };
  }
  const quota = unwritten.quota === undefined ? {} : { ":quota": unwritten.quota };
  return {
    Key: key,
    UpdateExpression: `SET n = if_not_exists(n, :zero) + :one, terms = if_not_exists(terms, :terms), coupon_id = if_not_exists(coupon_id, :id), item_type = :type${unwritten.quota === undefined ? "" : ", quota = if_not_exists(quota, :quota)"}`,
    ConditionExpression: `attribute_not_exists(pk) OR (${HAS_ROOM})`,
    ExpressionAttributeValues: {
      ":zero": 0,
      ":one": 1,
      ":terms": attempt.terms,
      ":id": couponId,
      ":type": COUPON_SHARD_TYPE,
      ...quota,
    },
  };
}

/**
 * The redemption's one transaction: the shard counts it if the coupon's terms are still those
 * checked and its quota has room; the holder's count for the coupon stays under the limit; the
 * redemption item is created; the items `alongside` are written.
 */
export function redemptionTransaction(attempt: RedemptionAttempt) {
  const { couponId, shard, accountId, redemptionId, redeemedAt } = attempt;
  return new TransactWriteCommand({
    TransactItems: [
      {
        Update: {
          TableName: tableName,
          ...shardCount(attempt),
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
          Item: toRedemptionItem(
            {
              id: redemptionId,
              coupon_id: couponId,
              account_id: accountId,
              redeemed_at: redeemedAt,
            },
            shard,
          ),
          ConditionExpression: "attribute_not_exists(pk)",
        },
      },
      ...(attempt.alongside ?? []),
    ],
  });
}

/** Sends the attempt's transaction: redeemed, or why its conditions refused it. */
export async function attemptRedemption(attempt: RedemptionAttempt): Promise<RedemptionOutcome> {
  const transaction = redemptionTransaction(attempt);
  try {
    await db.send(transaction);
    return "redeemed";
  } catch (error) {
    // A duplicate of a keyed redemption may also fail the limits: the key's answer comes first.
    throwIfKeyTaken(error, transaction.input.TransactItems ?? []);
    const reasons = cancellationReasons(error);
    const failed = (index: number) => reasons?.[index]?.code === "ConditionalCheckFailed";
    if (!reasons || !(failed(SHARD) || failed(HOLDER_COUNT))) throw error;
    const shard = reasons[SHARD]?.item;
    return refusalOf(
      attempt.terms,
      { shard: failed(SHARD), holderCount: failed(HOLDER_COUNT) },
      shard ? (shard.terms as number | undefined) : undefined,
    );
  }
}

/** Every shard of the coupon as it is now (strongly consistent), by index; absent ones undefined. */
export async function readShards(coupon: CouponTerms): Promise<(ShardState | undefined)[]> {
  const keys = couponKeys.shards(coupon.id, coupon.shardCount);
  const shards = new Map((await batchGetAll(keys)).map((item) => [item.pk as string, item]));
  return keys.map((key) => {
    const item = shards.get(key.pk);
    return item ? fromShardItem(item) : undefined;
  });
}
