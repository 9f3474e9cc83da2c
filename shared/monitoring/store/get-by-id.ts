import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { RecordKind } from "#monitoring/core/record-ids";
import { db, tableName } from "#platform/db/client";
import { DomainError } from "#platform/errors";

/**
 * Reads an event or alert by the entry its id names: one GetItem, or 404 `<kind>_not_found`
 * when there is no entry or it holds no such record (`fromItem` gives undefined).
 */
export async function getById<T>(
  kind: RecordKind,
  key: { pk: string; sk: string },
  fromItem: (item: Record<string, unknown>) => T | undefined,
): Promise<T> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key }));
  const record = Item && fromItem(Item);
  if (!record) throw DomainError.notFound(kind);
  return record;
}
