// The items DynamoDB read for this process's Queries (ScannedCount), beside requestCounter's
// request counts: what a search costs in read capacity.
import { db } from "#platform/db/client";

const NAME = "countScannedItems";

/** Starts counting; `stop` removes the counter. */
export function countScannedItems() {
  const scanned = { items: 0, stop: () => db.middlewareStack.remove(NAME) };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const result = await next(args);
      if (context.commandName === "QueryCommand") {
        scanned.items += (result.output as { ScannedCount?: number }).ScannedCount ?? 0;
      }
      return result;
    },
    { step: "initialize", name: NAME },
  );
  return scanned;
}
