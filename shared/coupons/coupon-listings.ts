import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";
import type { DynamoDBRecord } from "aws-lambda";
import { type CouponItemChange, listingTargets } from "#coupons/core/listing-changes";
import { fromCouponItem } from "#coupons/store/coupon-item";
import { COUPON_SHARD_TYPE, COUPON_SORT_KEY } from "#coupons/store/keys";
import { rewriteListings } from "#coupons/store/listing-writes";
import { recountRedemptions } from "#coupons/store/redemption-counts";
import type { StreamFunctionDefinition } from "#platform/function-definitions";
import { invocationRunner } from "#platform/observability/invocation-metrics";
import { functionMetricName } from "#platform/observability/service-names";
import type { StreamHandler } from "#platform/outbox/consumer";

/**
 * The stream function that keeps what coupon lists read: each coupon's listing items (copies of
 * its item under every list it belongs to) and the redemptions it has counted. Lists are
 * therefore eventually consistent (docs/coupons.md bounds the lag); a coupon's own GET, its
 * changes and its redemptions read the coupon and its shards, and stay exact.
 */
export const couponListingsFunction: StreamFunctionDefinition = {
  description:
    "Keeps the coupon lists: copies each coupon under every list it belongs to, with the redemptions its shards have counted",
  function: {
    handler: "coupons/keep-listings.ts",
    timeoutSeconds: 60,
    tableActions: ["dynamodb:BatchGetItem", "dynamodb:BatchWriteItem", "dynamodb:UpdateItem"],
  },
  stream: {
    filters: [
      // Every change of a coupon's own item.
      { dynamodb: { Keys: { sk: { S: [COUPON_SORT_KEY] } } } },
      // A coupon's shard written or counted (a tombstone carries no item_type).
      {
        eventName: ["INSERT", "MODIFY"],
        dynamodb: { NewImage: { item_type: { S: [COUPON_SHARD_TYPE] } } },
      },
    ],
    batchSize: 100,
    maxRetryAttempts: 10,
    maxRecordAgeSeconds: 6 * 3600,
  },
  replaysStream: true,
};

const imageOf = (image: unknown) =>
  image ? unmarshall(image as Record<string, AttributeValue>) : undefined;

/** A coupon item's change as records; a shard's change as the coupon whose count it moved. */
function readRecords(records: readonly DynamoDBRecord[]) {
  const changes: CouponItemChange[] = [];
  const recount = new Set<string>();
  for (const record of records) {
    const before = imageOf(record.dynamodb?.OldImage);
    const after = imageOf(record.dynamodb?.NewImage);
    if ((after ?? before)?.sk === COUPON_SORT_KEY) {
      changes.push({
        before: before && fromCouponItem(before),
        after: after && fromCouponItem(after),
      });
    } else if (after?.item_type === COUPON_SHARD_TYPE && after.n !== before?.n) {
      recount.add(after.coupon_id as string);
    }
  }
  return { changes, recount: [...recount] };
}

const invoke = invocationRunner(functionMetricName(couponListingsFunction.function.handler));

/**
 * Handles a batch: rewrites the listings of the coupons whose item changed, and recounts those
 * whose shards moved (which changes their item, so their listings follow in a later batch).
 * Every write is idempotent; if any fails, the whole batch comes again (in order).
 */
export const keepCouponListings: StreamHandler = (event, context) =>
  invoke(context.awsRequestId, async () => {
    const { changes, recount } = readRecords(event.Records);
    await Promise.all([
      rewriteListings(listingTargets(changes).values()),
      recountRedemptions(recount),
    ]);
    return { batchItemFailures: [] };
  });
