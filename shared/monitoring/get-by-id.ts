import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "../db/client";
import { problems } from "../http/problem";
import { parseRecordId } from "./keys";

/**
 * Reads an event or alert by its id, which names its key (user and sequence): one GetItem,
 * or 404 `<thing>_not_found`.
 */
export async function getById<T>(
  id: string,
  thing: "event" | "alert",
  pattern: RegExp,
  keyOf: (userId: number, seq: number) => { pk: string; sk: string },
  toView: (item: Record<string, unknown>) => T,
): Promise<T> {
  const parsed = parseRecordId(id, pattern);
  if (!parsed) throw problems.notFound(thing);
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: keyOf(parsed.userId, parsed.seq) }),
  );
  if (!Item) throw problems.notFound(thing);
  return toView(Item);
}
