/*
 * Per-address limits (issue 19, finding 3): a fixed one-minute window per route limit and
 * caller (IPv4 address, IPv6 /64), counted in the table by ONE conditional UpdateItem: the
 * increment happens only while the count is under the limit, so concurrent requests can never
 * let more than the limit through, and a refused request writes nothing. The window's item
 * expires by TTL a minute after its window closes.
 *
 * Item: pk `RATE#<name>#<caller>`, sk `W#<window start, epoch seconds>`, `count`,
 * `expires_at_epoch` (TTL).
 */
import { ConditionalCheckFailedException } from "@aws-sdk/client-dynamodb";
import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { clock } from "#platform/clock";
import { db, tableName } from "#platform/db/client";
import { timeToLive } from "#platform/db/table-definition";
import { callerIdentity } from "./client-ip";
import { HttpError } from "./problem";
import type { RateLimitSpec } from "./route";

export const RATE_LIMIT_WINDOW_SECONDS = 60;

/** The limit in force: `RATE_LIMIT_<NAME>_PER_MINUTE` overrides the route's; `RATE_LIMITS=off` lifts all. */
export function limitInForce(spec: RateLimitSpec): number | undefined {
  if (process.env.RATE_LIMITS === "off") return undefined;
  const variable = `RATE_LIMIT_${spec.name.toUpperCase().replaceAll("-", "_")}_PER_MINUTE`;
  const configured = process.env[variable];
  if (configured === undefined || configured === "") return spec.perMinute;
  const limit = Number(configured);
  if (!Number.isSafeInteger(limit) || limit < 1) {
    throw new Error(`${variable} must be a positive integer, not ${JSON.stringify(configured)}`);
  }
  return limit;
}

/** The `RateLimit-Policy` and `RateLimit` fields (IETF httpapi rate-limit headers draft). */
function rateLimitHeaders(name: string, limit: number, remaining: number, resetSeconds: number) {
  return {
    "ratelimit-policy": `"${name}";q=${limit};w=${RATE_LIMIT_WINDOW_SECONDS}`,
    ratelimit: `"${name}";r=${remaining};t=${resetSeconds}`,
  };
}

/**
 * Counts this request against the caller's window; returns the headers to answer with, or
 * throws 429 `too_many_requests` (with `Retry-After` and the rate-limit fields) once the window
 * is full. Returns no headers when limits are off.
 */
export async function spendRateLimit(
  spec: RateLimitSpec,
  sourceIp: string,
): Promise<Record<string, string>> {
  const limit = limitInForce(spec);
  if (limit === undefined) return {};
  const nowSeconds = Math.floor(clock.now() / 1000);
  const windowStart = nowSeconds - (nowSeconds % RATE_LIMIT_WINDOW_SECONDS);
  const windowEnd = windowStart + RATE_LIMIT_WINDOW_SECONDS;
  const resetSeconds = Math.max(1, windowEnd - nowSeconds);
  try {
    const { Attributes } = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: { pk: `RATE#${spec.name}#${callerIdentity(sourceIp)}`, sk: `W#${windowStart}` },
        UpdateExpression: "ADD #count :one SET #ttl = :ttl",
        ConditionExpression: "attribute_not_exists(#count) OR #count < :limit",
        ExpressionAttributeNames: { "#count": "count", "#ttl": "expires_at_epoch" },
        ExpressionAttributeValues: {
          ":one": 1,
          ":limit": limit,
          ":ttl": timeToLive((windowEnd + RATE_LIMIT_WINDOW_SECONDS) * 1000).expires_at_epoch,
        },
        ReturnValues: "UPDATED_NEW",
      }),
    );
    const count = Number(Attributes?.count ?? limit);
    return rateLimitHeaders(spec.name, limit, Math.max(0, limit - count), resetSeconds);
  } catch (error) {
    if (!(error instanceof ConditionalCheckFailedException)) throw error;
    throw new HttpError(
      429,
      "too_many_requests",
      `At most ${limit} of these requests a minute from one address; try again in ${resetSeconds} s`,
      {
        headers: {
          "retry-after": String(resetSeconds),
          ...rateLimitHeaders(spec.name, limit, 0, resetSeconds),
        },
      },
    );
  }
}
