import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type { CouponTerms, RedemptionOutcome, ShardState } from "#coupons/core/redemption";
import { refusalOf } from "#coupons/core/redemption";
import { batchGetAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";
import { cancellationReasons, type TransactItem } from "#platform/db/transactions";
import { throwIfKeyTaken } from "#platform/idempotency/once";
import { couponKeys } from "./keys";
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
  redemptionId: string;
  redeemedAt: string;
  /** Items joining the transaction: the Idempotency-Key's record. */
  alongside?: readonly TransactItem[];
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
  const keys = Array.from({ length: coupon.shardCount }, (_, s) => couponKeys.shard(coupon.id, s));
  const shards = new Map((await batchGetAll(keys)).map((item) => [item.pk as string, item]));
  return keys.map((key) => {
    const item = shards.get(key.pk);
    return item ? fromShardItem(item) : undefined;
  });
}
