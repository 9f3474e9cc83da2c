import { QueryCommand, type QueryCommandInput } from "@aws-sdk/lib-dynamodb";
import { db } from "./client";
import { decodeCursor, encodeCursor, invalidCursor } from "./cursor";

export interface PageRequest {
  limit: number;
  cursor?: string | undefined;
}

/**
 * One page of a Query on a single partition, resuming from a client cursor that must name that
 * same partition (a forged cursor is a 422). It reads one item more than the page so that the
 * last page says so (`next_cursor: null`) instead of leading to an empty one. Under a
 * FilterExpression (DynamoDB's Limit counts the items it reads, not those it keeps) it reads on
 * until the page is full or the partition ends.
 */
export async function queryPage<T>(
  input: QueryCommandInput,
  page: PageRequest,
  cursorKeys: { names: readonly string[]; partition: { name: string; value: string } },
  toView: (item: Record<string, unknown>) => T,
): Promise<{ items: T[]; next_cursor: string | null }> {
  const startKey = decodeCursor(page.cursor, cursorKeys.names, cursorKeys.partition);
  const wanted = page.limit + 1;
  const found: Record<string, unknown>[] = [];
  let from: QueryCommandInput["ExclusiveStartKey"] = startKey;
  do {
    const result = await db
      .send(new QueryCommand({ ...input, Limit: wanted, ExclusiveStartKey: from }))
      .catch((error: unknown) => {
        // A well-formed cursor can still name a key outside this query's range: DynamoDB
        // refuses it, and that is the client's cursor at fault, not ours.
        if (from && (error as Error).name === "ValidationException") throw invalidCursor();
        throw error;
      });
    found.push(...(result.Items ?? []));
    from = result.LastEvaluatedKey;
  } while (input.FilterExpression && found.length < wanted && from);
  const items = found.slice(0, page.limit);
  const last = items.at(-1);
  const lastKey =
    found.length > page.limit && last
      ? Object.fromEntries(cursorKeys.names.map((name) => [name, last[name]]))
      : undefined;
  return { items: items.map(toView), next_cursor: encodeCursor(lastKey) };
}

/** Every item a Query matches, following LastEvaluatedKey page after page. */
export async function queryAll(input: QueryCommandInput): Promise<Record<string, unknown>[]> {
  const items: Record<string, unknown>[] = [];
  let startKey: QueryCommandInput["ExclusiveStartKey"];
  do {
    const page = await db.send(new QueryCommand({ ...input, ExclusiveStartKey: startKey }));
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}
