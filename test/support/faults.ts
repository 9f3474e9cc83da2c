// Faults DynamoDB Local never produces, injected where the real service's answer would arrive:
// below the SDK's own retries (finalizeRequest, low priority), so those retries see them exactly
// as they would see the real thing. Tests only.
import { db } from "#platform/db/client";

/** How a request fails: throttled, conflicted, lost before DynamoDB, or lost AFTER it committed. */
export type Fault = "throttle" | "conflict" | "timeout before" | "timeout after";

export const faults: readonly Fault[] = ["throttle", "conflict", "timeout before", "timeout after"];

/** The requests that change the table. */
export const WRITE_COMMANDS = [
  "PutItemCommand",
  "UpdateItemCommand",
  "DeleteItemCommand",
  "TransactWriteItemsCommand",
  "BatchWriteItemCommand",
] as const;

const MIDDLEWARE = "injectFaults";

const named = (name: string, message: string, extra: object = {}) =>
  Object.assign(new Error(message), { name, $metadata: { httpStatusCode: 400 }, ...extra });

/** The error DynamoDB (or the SDK's request handler) gives for this fault on this command. */
function errorOf(fault: Fault, commandName: string, input: unknown): Error {
  if (fault === "throttle") {
    return named("ThrottlingException", "Throughput exceeds the current capacity of your table");
  }
  if (fault === "conflict") {
    if (commandName !== "TransactWriteItemsCommand") {
      return named("TransactionConflictException", "Transaction is ongoing for the item");
    }
    const count = (input as { TransactItems?: unknown[] }).TransactItems?.length ?? 1;
    return named("TransactionCanceledException", "Transaction cancelled", {
      CancellationReasons: Array.from({ length: count }, (_, i) => ({
        Code: i === 0 ? "TransactionConflict" : "None",
      })),
    });
  }
  return Object.assign(new Error("Request timed out"), { name: "TimeoutError" });
}

export interface FaultPlan {
  fault: Fault;
  /** The commands that fail (default: every write). */
  commands?: readonly string[];
  /** How many matching requests fail before the store recovers (default: all of them). */
  times?: number;
  /** Only requests whose input this accepts fail (e.g. one item's key). */
  when?: (input: Record<string, unknown>) => boolean;
}

/** An active injection: how many requests it failed, and how to end it (the store recovers). */
export interface Injection {
  injected(): number;
  /** How many failed requests had in fact been carried out first (`timeout after`). */
  committed(): number;
  recover(): void;
}

/** Makes the requests `plan` names fail as it says, until `recover()` (or `times` is spent). */
export function injectFaults(plan: FaultPlan): Injection {
  const commands = new Set(plan.commands ?? WRITE_COMMANDS);
  let injected = 0;
  let committed = 0;
  let active = true;
  db.middlewareStack.remove(MIDDLEWARE);
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const name = context.commandName ?? "";
      const input = args.input as Record<string, unknown>;
      const chosen =
        active &&
        commands.has(name) &&
        injected < (plan.times ?? Number.POSITIVE_INFINITY) &&
        (plan.when?.(input) ?? true);
      if (!chosen) return next(args);
      injected++;
      if (plan.fault === "timeout after") {
        // The request reaches DynamoDB and is carried out; only its answer is lost.
        await next(args);
        committed++;
      }
      throw errorOf(plan.fault, name, input);
    },
    { step: "finalizeRequest", name: MIDDLEWARE, priority: "low" },
  );
  return {
    injected: () => injected,
    committed: () => committed,
    recover() {
      active = false;
      db.middlewareStack.remove(MIDDLEWARE);
    },
  };
}
