// The capacity units this process's DynamoDB requests consumed, as DynamoDB reports them
// (ReturnConsumedCapacity INDEXES: the table and every index written; transactions doubled).
import { db } from "../../shared/db/client";

const NAME = "recordConsumedCapacity";
const READS = new Set(["GetItemCommand", "BatchGetItemCommand", "QueryCommand", "TransactGetItemsCommand"]);

type Consumed = { CapacityUnits?: number };

/** Starts recording: every request asks for its consumed capacity; `stop` removes the recorder. */
export function recordConsumedCapacity() {
  const units = {
    read: 0,
    write: 0,
    reset() {
      this.read = 0;
      this.write = 0;
    },
    stop: () => db.middlewareStack.remove(NAME),
  };
  db.middlewareStack.add(
    (next, context) => async (args) => {
      (args.input as { ReturnConsumedCapacity?: string }).ReturnConsumedCapacity = "INDEXES";
      const result = await next(args);
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
