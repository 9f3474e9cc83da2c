import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { type CodeClaim, claimedWindows, claimsCode } from "#coupons/core/code-rule";
import { type CouponRecord, keysOf } from "#coupons/core/coupon";
import type { Window } from "#coupons/core/validity";
import { db, tableName } from "#platform/db/client";
import type { TransactItem } from "#platform/db/transactions";
import { fromCodeClaimItem, toCodeClaimItem } from "./code-claim-item";
import { couponKeys } from "./keys";

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
 * conditional on the version read: a concurrent change of the claim cancels the transaction.
 */
export function claimWrite(claim: CodeClaim, id: string, window: Window | undefined): TransactItem {
  const windows = claimedWindows(claim, id, window);
  const condition =
    claim.version === 0
      ? { ConditionExpression: "attribute_not_exists(pk)" }
      : {
          ConditionExpression: "version = :version",
          ExpressionAttributeValues: { ":version": claim.version },
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
