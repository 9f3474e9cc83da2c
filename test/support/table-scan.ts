// The whole table, read with a Scan: for tests only (no request path ever scans).
import { createHash } from "node:crypto";
import { ScanCommand, type ScanCommandOutput } from "@aws-sdk/lib-dynamodb";
import { db, tableName } from "#platform/db/client";

type Item = Record<string, unknown>;

/** Every item of this file's table, strongly consistent. */
export async function scanTable(): Promise<Item[]> {
  const items: Item[] = [];
  let startKey: ScanCommandOutput["LastEvaluatedKey"];
  do {
    const page = await db.send(
      new ScanCommand({ TableName: tableName, ConsistentRead: true, ExclusiveStartKey: startKey }),
    );
    items.push(...(page.Items ?? []));
    startKey = page.LastEvaluatedKey;
  } while (startKey);
  return items;
}

/** Items with keys sorted, so that equal items give equal text whatever their attribute order. */
function canonical(value: unknown): unknown {
  if (value instanceof Set) return [...value].map(canonical).sort();
  if (Array.isArray(value)) return value.map(canonical);
  if (value && typeof value === "object") {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((k) => [k, canonical((value as Item)[k])]),
    );
  }
  return value;
}

/** The items as canonical JSON lines, keyed by pk/sk: two snapshots compare item by item. */
export function itemsByKey(items: readonly Item[]): Map<string, string> {
  return new Map(
    items.map((item) => [`${item.pk}\u0000${item.sk}`, JSON.stringify(canonical(item))]),
  );
}

/** A SHA-256 of the whole table's contents. */
export async function tableChecksum(): Promise<{ digest: string; items: Map<string, string> }> {
  const items = itemsByKey(await scanTable());
  const hash = createHash("sha256");
  for (const k of [...items.keys()].sort()) hash.update(`${items.get(k)}\n`);
  return { digest: hash.digest("hex"), items };
}

/** What changed between two snapshots: keys added, removed or rewritten. */
export function changedKeys(before: Map<string, string>, after: Map<string, string>): string[] {
  const keys = new Set([...before.keys(), ...after.keys()]);
  return [...keys].filter((k) => before.get(k) !== after.get(k));
}
