import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import {
  decodePosition,
  fingerprint,
  lexicographic,
  pageOfSorted,
} from "#coupons/core/sorted-page";
import { db, tableName } from "#platform/db/client";
import { invalidCursor } from "#platform/db/cursor";
import { type PageRequest, queryPage } from "#platform/db/query-page";
import { DomainError } from "#platform/errors";
import { couponKeys } from "./keys";
import { fromRedemptionItem } from "./redemption-item";

/** A page of an account's redemptions, newest first (its own partition, strongly consistent). */
export function listHolderRedemptions(accountId: string, page: PageRequest) {
  const pk = couponKeys.holder(accountId);
  return queryPage(
    {
      TableName: tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": pk, ":prefix": couponKeys.redemptionPrefix },
      ScanIndexForward: false,
      ConsistentRead: true,
    },
    page,
    { names: ["pk", "sk"], partition: { name: "pk", value: pk } },
    fromRedemptionItem,
  );
}

const newestFirst = lexicographic(true);

/**
 * A page of a coupon's redemptions, newest first: each shard's gsi1 partition is read from the
 * cursor's position down (one page and one more each), and the results merged. 404 when the
 * coupon does not exist (or was deleted).
 */
export async function listCouponRedemptions(couponId: string, page: PageRequest) {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: couponKeys.coupon(couponId) }),
  );
  if (!Item) throw DomainError.notFound("coupon");
  const list = fingerprint({ redemptions_of: couponId });
  const after = decodePosition(page.cursor, list)?.[0];
  if (after !== undefined && typeof after !== "string") throw invalidCursor();
  const shards = Array.from({ length: Item.shard_count as number }, (_, shard) => shard);
  const results = await Promise.all(
    shards.map((shard) =>
      db.send(
        new QueryCommand({
          TableName: tableName,
          IndexName: "gsi1",
          KeyConditionExpression: `gsi1pk = :partition${after === undefined ? "" : " AND gsi1sk < :after"}`,
          ExpressionAttributeValues: {
            ":partition": couponKeys.redemptionsOf(couponId, shard),
            ...(after === undefined ? {} : { ":after": after }),
          },
          ScanIndexForward: false,
          Limit: page.limit + 1,
        }),
      ),
    ),
  );
  const merged = results
    .flatMap((result) => result.Items ?? [])
    .map((item) => ({ position: [item.gsi1sk as string], item: fromRedemptionItem(item) }))
    .sort((a, b) => newestFirst(a.position, b.position));
  return pageOfSorted(merged, page, list, newestFirst);
}
