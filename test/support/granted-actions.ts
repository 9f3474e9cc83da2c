import { expect } from "vitest";
import { db } from "#platform/db/client";
import type { TransactItem } from "#platform/db/transactions";
import type { FunctionDeployment, TableAction } from "#platform/function-definitions";

const NAME = "recordTableActions";

/** The IAM action each kind of transaction item is authorised by. */
const itemActions = {
  Put: "dynamodb:PutItem",
  Update: "dynamodb:UpdateItem",
  Delete: "dynamodb:DeleteItem",
  ConditionCheck: "dynamodb:ConditionCheckItem",
} as const satisfies Record<string, TableAction>;

/**
 * Records the IAM actions the table requests sent from now on need: a command's own, and a
 * transaction's per item (DynamoDB authorises TransactWriteItems item by item). `stop()` ends it.
 */
export function recordTableActions() {
  const actions = new Set<string>();
  db.middlewareStack.add(
    (next, context) => async (args) => {
      const name = (context.commandName ?? "").replace(/Command$/, "");
      if (name === "TransactWriteItems") {
        const items = (args.input as { TransactItems?: TransactItem[] }).TransactItems ?? [];
        for (const item of items) {
          for (const kind of Object.keys(item))
            actions.add(itemActions[kind as keyof typeof itemActions]);
        }
      } else {
        actions.add(`dynamodb:${name}`);
      }
      return next(args);
    },
    { step: "initialize", name: NAME },
  );
  return { actions, stop: () => db.middlewareStack.remove(NAME) };
}

/** Every action recorded is one the function is granted (its route's `tableActions`). */
export function expectGranted(
  fn: Pick<FunctionDeployment, "handler" | "tableActions">,
  actions: ReadonlySet<string>,
) {
  for (const action of actions)
    expect(fn.tableActions, `${fn.handler}: ${action}`).toContain(action);
}
