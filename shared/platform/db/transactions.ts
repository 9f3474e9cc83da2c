import type { AttributeValue } from "@aws-sdk/client-dynamodb";
import type { TransactWriteCommandInput } from "@aws-sdk/lib-dynamodb";
import { unmarshall } from "@aws-sdk/util-dynamodb";

/** One item of a TransactWriteItems request. */
export type TransactItem = NonNullable<TransactWriteCommandInput["TransactItems"]>[number];

/** Why DynamoDB cancelled one item of a transaction; `item` is its value when the write asked for it. */
export interface CancellationReason {
  code: string;
  item?: Record<string, unknown>;
}

/** The per-item reasons of a cancelled transaction, in request order; undefined for other errors. */
export function cancellationReasons(error: unknown): CancellationReason[] | undefined {
  if ((error as { name?: string } | undefined)?.name !== "TransactionCanceledException") {
    return undefined;
  }
  const reasons =
    (error as { CancellationReasons?: { Code?: string; Item?: Record<string, AttributeValue> }[] })
      .CancellationReasons ?? [];
  return reasons.map((reason) => ({
    code: reason.Code ?? "None",
    ...(reason.Item ? { item: unmarshall(reason.Item) } : {}),
  }));
}

/**
 * Turns a transaction whose conditions failed into the domain's error: `onConditionFailed` is
 * called with the index (in request order) and current item of each failed condition and may
 * return the error to throw. Anything else is rethrown unchanged.
 */
export function rethrowCancellation(
  error: unknown,
  onConditionFailed: (index: number, item?: Record<string, unknown>) => Error | undefined,
): never {
  const reasons = cancellationReasons(error) ?? [];
  for (const [index, reason] of reasons.entries()) {
    if (reason.code !== "ConditionalCheckFailed") continue;
    const mapped = onConditionFailed(index, reason.item);
    if (mapped) throw mapped;
  }
  throw error;
}

/** Whether a single conditional write failed its condition. */
export const isConditionFailure = (error: unknown) =>
  (error as { name?: string } | undefined)?.name === "ConditionalCheckFailedException";

/**
 * The current item behind a single write's failed condition, when the write asked for it with
 * `ReturnValuesOnConditionCheckFailure: "ALL_OLD"`; undefined for any other error.
 */
export function conditionFailureItem(error: unknown): Record<string, unknown> | undefined {
  if (!isConditionFailure(error)) return undefined;
  const item = (error as { Item?: Record<string, AttributeValue> }).Item;
  return item ? unmarshall(item) : undefined;
}

/**
 * Whether a conditional write that failed had in fact been carried out by an earlier try of the
 * same request: the SDK sends a request again when its answer was lost (a timeout), and the
 * retry then fails the very condition the first try satisfied. The write must have asked for
 * the current item (`ALL_OLD`) and left `marker` (a value only this request writes) on it.
 */
export function isOwnEarlierWrite(error: unknown, marker: Record<string, unknown>): boolean {
  const item = conditionFailureItem(error);
  return (
    item !== undefined && Object.entries(marker).every(([name, value]) => item[name] === value)
  );
}
