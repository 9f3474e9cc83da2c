import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "#platform/db/client";
import type { TransactItem } from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import { couponKeys } from "./keys";
import { type CouponRecord, keysOf } from "./record";
import { isValid, type Window, windowsOverlap } from "./validity";

/** The per-merchant code claim as read: the valid windows holding the code, and its version. */
export interface CodeClaim {
  key: { pk: string; sk: string };
  /** 0 when the claim item does not exist. */
  version: number;
  windows: Record<string, [string, string]>;
}

/** The claim a coupon's code takes at its merchant; none for an invalid coupon (empty window). */
export function claimKeyOf(record: CouponRecord) {
  if (!isValid(record)) return undefined;
  const keys = keysOf(record);
  return couponKeys.claim(keys.merchant, keys.code);
}

/** Reads a claim (strongly consistent: the write that follows is conditional on its version). */
export async function readClaim(key: { pk: string; sk: string }): Promise<CodeClaim> {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: key, ConsistentRead: true }),
  );
  return {
    key,
    version: (Item?.version as number | undefined) ?? 0,
    windows: (Item?.windows as CodeClaim["windows"] | undefined) ?? {},
  };
}

/** 409 `code_taken` when another coupon of the claim holds the code during part of `record`'s window. */
export function assertCodeFree(claim: CodeClaim, record: CouponRecord): void {
  for (const [id, [published_at, expire_at]] of Object.entries(claim.windows)) {
    const other: Window = { published_at, expire_at };
    if (id !== record.id && windowsOverlap(other, record)) {
      throw new DomainError(
        "code_taken",
        `${record.merchant} already has coupon ${id} with code ${record.code} from ${published_at} to ${expire_at}, which overlaps this one`,
      );
    }
  }
}

/**
 * The claim with `id`'s window set (or removed when `window` is undefined), as a transaction item
 * conditional on the version read: a concurrent change of the claim cancels the transaction.
 */
export function claimWrite(claim: CodeClaim, id: string, window: Window | undefined): TransactItem {
  const windows = { ...claim.windows };
  if (window) windows[id] = [window.published_at, window.expire_at];
  else delete windows[id];
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
      Item: { ...claim.key, windows, version: claim.version + 1 },
      ...condition,
    },
  };
}
