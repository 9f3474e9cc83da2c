import { randomUUID } from "node:crypto";
import { PutCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import {
  type AttemptWindow,
  isWindowOpen,
  LOG_IN_LIMIT,
  lockedForMs,
} from "#accounts/core/login-window";
import { clock } from "#platform/clock";
import { db, tableName } from "#platform/db/client";
import { StoreUnavailableError } from "#platform/db/store-errors";
import { conditionFailureItem, isConditionFailure } from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import { accountKeys } from "./keys";
import { fromLoginThrottleItem, toLoginThrottleItem } from "./login-throttle-item";

/*
 * Ten failed log-ins per email per 15 minutes, as a FIXED window opened by the first attempt
 * (not a sliding log): one counter item per email, one conditional UpdateItem per attempt, no
 * read-modify-write. The price: up to 2 × 10 attempts can straddle the end of one window and
 * the start of the next.
 *
 * An attempt is counted BEFORE the password is verified and handed back when it succeeds, so
 * parallel guesses cannot all slip past the check while the first ones are being verified:
 * the counter is failures plus log-ins in flight, never more than ten.
 *
 * Each attempt has a random id, kept in the window's `attempt_ids` set beside the counter:
 * when the SDK sends an attempt's write again because its answer was lost (a timeout after
 * DynamoDB applied it), the retry finds its id there and counts nothing twice; handing back
 * removes the id, so it too happens at most once.
 */

/** A counted log-in attempt, to hand back if the password was right. */
export interface AttemptReservation {
  email: string;
  windowStartedAtMs: number;
  attemptId: string;
}

const MAX_RACES = 5;

/** Counts one log-in attempt for `email`, or throws 429 with Retry-After while it is locked. */
export async function reserveLogInAttempt(email: string): Promise<AttemptReservation> {
  const Key = accountKeys.loginThrottle(email);
  const attemptId = randomUUID();
  const ours = (error: unknown) => {
    const item = conditionFailureItem(error);
    return (item?.attempt_ids as Set<string> | undefined)?.has(attemptId) ? item : undefined;
  };
  for (let race = 0; race < MAX_RACES; race++) {
    const now = clock.now();
    const openSince = now - LOG_IN_LIMIT.windowMs;
    let window: AttemptWindow | undefined;
    try {
      const { Attributes } = await db.send(
        new UpdateCommand({
          TableName: tableName,
          Key,
          UpdateExpression: "SET attempts = attempts + :one ADD attempt_ids :ids",
          ConditionExpression:
            "window_started_at > :openSince AND attempts < :limit AND NOT contains(attempt_ids, :id)",
          ExpressionAttributeValues: {
            ":one": 1,
            ":openSince": openSince,
            ":limit": LOG_IN_LIMIT.attempts,
            ":ids": new Set([attemptId]),
            ":id": attemptId,
          },
          ReturnValues: "ALL_NEW",
          // The counter as it stood when the condition failed: no second read to tell why.
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return { email, windowStartedAtMs: Attributes?.window_started_at as number, attemptId };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const counted = ours(error);
      if (counted)
        return { email, windowStartedAtMs: counted.window_started_at as number, attemptId };
      window = fromLoginThrottleItem(conditionFailureItem(error));
    }
    const lockedMs = lockedForMs(window, now);
    if (lockedMs > 0) {
      throw new DomainError("too_many_requests", "Too many failed log-ins; try again later", {
        retryAfterSeconds: lockedMs / 1000,
      });
    }
    if (isWindowOpen(window, now)) continue; // a slot freed up
    try {
      await db.send(
        new PutCommand({
          TableName: tableName,
          Item: toLoginThrottleItem(
            email,
            { startedAtMs: now, attempts: 1 },
            new Set([attemptId]),
            now + LOG_IN_LIMIT.windowMs,
          ),
          ConditionExpression: "attribute_not_exists(pk) OR window_started_at <= :openSince",
          ExpressionAttributeValues: { ":openSince": openSince },
          ReturnValuesOnConditionCheckFailure: "ALL_OLD",
        }),
      );
      return { email, windowStartedAtMs: now, attemptId };
    } catch (error) {
      if (!isConditionFailure(error)) throw error;
      const counted = ours(error);
      if (counted)
        return { email, windowStartedAtMs: counted.window_started_at as number, attemptId };
      // Otherwise another attempt opened the window first.
    }
  }
  throw new StoreUnavailableError(new Error("Log-in attempt counter stayed contended"));
}

/** Hands back an attempt that succeeded, unless its window has been replaced meanwhile. */
export async function releaseLogInAttempt(reservation: AttemptReservation): Promise<void> {
  try {
    await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: accountKeys.loginThrottle(reservation.email),
        UpdateExpression: "SET attempts = attempts - :one DELETE attempt_ids :ids",
        ConditionExpression:
          "window_started_at = :started AND attempts > :zero AND contains(attempt_ids, :id)",
        ExpressionAttributeValues: {
          ":one": 1,
          ":zero": 0,
          ":started": reservation.windowStartedAtMs,
          ":ids": new Set([reservation.attemptId]),
          ":id": reservation.attemptId,
        },
      }),
    );
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}
