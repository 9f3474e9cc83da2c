// The capacity units this process's DynamoDB requests consume. DynamoDB Local reports them
// (ReturnConsumedCapacity INDEXES) as AWS does for single-item writes, reads and Queries (4 KB
// read units, eventual reads at half, index writes counted), but not for transactions, which it
// under-counts: those are counted here by AWS's rule instead: 2 write units per KB of each item
// written, plus the standard write of each index (projection ALL: the item's size) whose keys the
// item names. A Put's size is its item's (as JSON, close to DynamoDB's measure); an Update's,
// ConditionCheck's or Delete's is taken as 1 KB, as the items they touch here are small.
import { db } from "#platform/db/client";

const NAME = "recordConsumedCapacity";
const READS = new Set(["GetItemCommand", "BatchGetItemCommand", "QueryCommand"]);
const INDEX_KEYS = /\bgsi(\d)(pk|sk)\b/g;

type Consumed = { CapacityUnits?: number };
type TransactItem = Record<string, { Item?: unknown; UpdateExpression?: string; Key?: unknown }>;

/** Write units of one TransactWriteItems by AWS's rule. */
function transactionWriteUnits(items: readonly TransactItem[]): number {
  return items.reduce((units, item) => {
    const [operation] = Object.values(item);
    const kb = operation?.Item ? Math.ceil(JSON.stringify(operation.Item).length / 1024) : 1;
    const written = JSON.stringify(operation?.Item ?? operation?.UpdateExpression ?? "");
    const indexes = new Set([...written.matchAll(INDEX_KEYS)].map((match) => match[1]));
    return units + 2 * kb + indexes.size * kb;
  }, 0);
}

/** Starts recording read and write units; `stop` removes the recorder. */
export function recordConsumedCapacity() {
  const units = {
    read: 0,
    write: 0,
    stop: () => db.middlewareStack.remove(NAME),
  };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const input = args.input as {
        ReturnConsumedCapacity?: string;
        TransactItems?: TransactItem[];
      };
      input.ReturnConsumedCapacity = "INDEXES";
      const result = await next(args);
      if (context.commandName === "TransactWriteItemsCommand") {
        units.write += transactionWriteUnits(input.TransactItems ?? []);
        return result;
      }
      const consumed = (result.output as { ConsumedCapacity?: Consumed | Consumed[] })
        .ConsumedCapacity;
      const total = [consumed ?? []].flat().reduce((sum, c) => sum + (c.CapacityUnits ?? 0), 0);
      if (READS.has(context.commandName ?? "")) units.read += total;
      else units.write += total;
      return result;
    },
    { step: "initialize", name: NAME },
  );
  return units;
}
