import { UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "#platform/db/client";
import { monitoringKeys } from "./keys";
import type { RiskLevel } from "./limits";
import { readUserRecord } from "./user-record";

/**
 * A user's risk level (`medium` when never set). Read strongly consistent, like every read of
 * the state item, so a GET right after a PUT sees the new level.
 */
export async function getRiskLevel(userId: number): Promise<RiskLevel> {
  return (await readUserRecord(userId)).level;
}

/**
 * Sets a user's risk level on their state item, bumping its version: an event being judged
 * concurrently at the old level then fails its condition and is judged again at the new one.
 */
export async function setRiskLevel(userId: number, level: RiskLevel): Promise<void> {
  await db.send(
    new UpdateCommand({
      TableName: tableName,
      Key: monitoringKeys.state(userId),
      UpdateExpression:
        "SET #level = :level, user_id = :user, #version = if_not_exists(#version, :zero) + :one",
      ExpressionAttributeNames: { "#level": "level", "#version": "version" },
      ExpressionAttributeValues: { ":level": level, ":user": userId, ":zero": 0, ":one": 1 },
    }),
  );
}
