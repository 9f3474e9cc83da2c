import { GetCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "../db/client";
import { monitoringKeys } from "./keys";
import { DEFAULT_RISK_LEVEL, type RiskLevel } from "./limits";

/** A user's risk level; `medium` for a user whose level was never set. */
export async function getRiskLevel(userId: number): Promise<RiskLevel> {
  const { Item } = await db.send(
    new GetCommand({
      TableName: tableName,
      Key: monitoringKeys.state(userId),
      ProjectionExpression: "#level",
      ExpressionAttributeNames: { "#level": "level" },
    }),
  );
  return (Item?.level as RiskLevel | undefined) ?? DEFAULT_RISK_LEVEL;
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
