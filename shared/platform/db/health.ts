import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "./client";

/** Whether the table answers a key lookup (one cheap read of an item that need not exist). */
export async function isTableReachable(): Promise<boolean> {
  try {
    await db.send(new GetCommand({ TableName: tableName, Key: { pk: "HEALTH", sk: "HEALTH" } }));
    return true;
  } catch {
    return false;
  }
}
