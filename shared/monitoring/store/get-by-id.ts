import { GetCommand } from "@aws-sdk/lib-dynamodb";
import type { RecordKind } from "#monitoring/core/record-ids";
import { db, tableName } from "#platform/db/client";
import { DomainError } from "#platform/errors";

/** Reads an event or alert by its key: one GetItem, or 404 `<kind>_not_found`. */
export async function getById<T>(
  kind: RecordKind,
  key: { pk: string; sk: string },
  fromItem: (item: Record<string, unknown>) => T,
): Promise<T> {
  const { Item } = await db.send(new GetCommand({ TableName: tableName, Key: key }));
  if (!Item) throw DomainError.notFound(kind);
  return fromItem(Item);
}
