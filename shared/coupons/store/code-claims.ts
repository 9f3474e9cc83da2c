import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { type CodeClaim, claimedWindows, claimsCode } from "#coupons/core/code-rule";
import { type CouponRecord, keysOf } from "#coupons/core/coupon";
import type { Window } from "#coupons/core/validity";
import { db, tableName } from "#platform/db/client";
import type { CancellationReason, TransactItem } from "#platform/db/transactions";
import { fromCodeClaimItem, toCodeClaimItem } from "./code-claim-item";
import { couponKeys } from "./keys";

const CLAIM_SORT_KEY = couponKeys.claim("", "").sk;

/** The claim a coupon's code takes at its merchant; none for an invalid coupon (empty window). */
export function claimKeyOf(record: CouponRecord) {
  if (!claimsCode(record)) return undefined;
  const keys = keysOf(record);
  return couponKeys.claim(keys.merchant, keys.code);
}

/** Reads a claim (strongly consistent: the write that follows is conditional on its version). */
export async function readClaim(key: { pk: string; sk: string }): Promise<CodeClaim> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  return fromCodeClaimItem(key, Item);
}

/**
 * The claim with `id`'s window set (or removed when `window` is undefined), as a transaction item
 * conditional on the version read: a concurrent change of the claim cancels the transaction,
 * which hands the claim back as it is (see `claimsHandedBack`).
 */
export function claimWrite(claim: CodeClaim, id: string, window: Window | undefined): TransactItem {
  const windows = claimedWindows(claim, id, window);
  const condition = {
    ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
    ...(claim.version === 0
      ? { ConditionExpression: "attribute_not_exists(pk)" }
      : {
          ConditionExpression: "version = :version",
          ExpressionAttributeValues: { ":version": claim.version },
        }),
  };
  if (Object.keys(windows).length === 0) {
    return { Delete: { TableName: tableName, Key: claim.key, ...condition } };
  }
  return {
    Put: {
      TableName: tableName,
      Item: toCodeClaimItem({ key: claim.key, windows, version: claim.version + 1 }),
      ...condition,
    },
  };
}

/** A claim no coupon holds yet: what a new coupon's code is assumed to find. */
export const unclaimed = (key: { pk: string; sk: string }): CodeClaim =>
  fromCodeClaimItem(key, undefined);

/**
 * The claims, by partition key, whose condition failed in a cancelled transaction of `items`,
 * as they are now (absent: no item, version 0): the next attempt works from these, unread.
 */
export function claimsHandedBack(
  items: readonly TransactItem[],
  reasons: readonly CancellationReason[],
): Map<string, CodeClaim> {
  const claims = new Map<string, CodeClaim>();
  for (const [index, reason] of reasons.entries()) {
    if (reason.code !== "ConditionalCheckFailed") continue;
    const item = items[index];
    const key = (item?.Put?.Item ?? item?.Delete?.Key) as { pk: string; sk: string } | undefined;
    if (key?.sk !== CLAIM_SORT_KEY) continue;
    const claimKey = { pk: key.pk, sk: key.sk };
    claims.set(claimKey.pk, fromCodeClaimItem(claimKey, reason.item));
  }
  return claims;
}
