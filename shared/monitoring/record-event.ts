import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { monitoringMetrics } from "#monitoring/api/metrics";
import type { CreatedEventView, EventInput } from "#monitoring/api/schemas";
import { backoff } from "#platform/db/backoff";
import { db, tableName } from "#platform/db/client";
import { cancellationReasons } from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import { countMetric } from "#platform/observability/invocation-metrics";
import { webhookEventPut } from "#webhooks";
import { judgeIntoItems } from "./event-items";
import { isOutOfOrder } from "./rules";
import { readUserRecord, type UserRecord, userRecordFromItem, userStateItem } from "./user-record";
import { alertView } from "./views";

// Losing the version race means another event of this user committed first: judge again on
// its result. Each loss is someone else's progress, so a burst of N events of one user needs
// up to N rounds; give up (503, try later) after a time budget counted from before the first
// read. No DynamoDB request starts after the budget, but the last one started may still run
// its course: on AWS up to ~6 s (the SDK's tries at 1.5 s timeouts, with backoff). So a
// budget of 3 s + one request's 6 s + 1 s for the rest (backoff, judging, answering) stays
// within the function's 10 s timeout; at AWS's tens of milliseconds per round, 3 s is still
// over a hundred rounds. DynamoDB Local (DYNAMODB_ENDPOINT set) runs transactions one at a
// time, a round can take hundreds of milliseconds on a busy machine, and no 10 s timeout
// applies to it: it gets 15 s, so a pile-up on a loaded CI machine still commits most events.
const RETRY_BUDGET_MS = process.env.DYNAMODB_ENDPOINT ? 15_000 : 3_000;
const BACKOFF_BASE_MS = 5;
const BACKOFF_CAP_MS = 200;

// Event and alert items are new by construction (their seq follows the checked version); the
// condition only makes a broken invariant fail loudly instead of overwriting history.
const putNew = (item: Record<string, unknown>) => ({
  Put: { TableName: tableName, Item: item, ConditionExpression: "attribute_not_exists(pk)" },
});

/** The transaction that stores an event, its alert if any, and the user's next state. */
function eventTransaction(record: UserRecord, input: EventInput) {
  const { eventItem, alertItem, nextRecord, view } = judgeIntoItems(
    record,
    input,
    new Date().toISOString(),
  );
  const isNew = record.version === 0;
  const transactItems = [
    {
      Put: {
        TableName: tableName,
        Item: userStateItem(nextRecord),
        ...(isNew
          ? { ConditionExpression: "attribute_not_exists(pk)" }
          : {
              ConditionExpression: "#version = :version",
              ExpressionAttributeNames: { "#version": "version" },
              ExpressionAttributeValues: { ":version": record.version },
            }),
        // A lost race hands back the winner's state: judge again without another read.
        ReturnValuesOnConditionCheckFailure: "ALL_OLD" as const,
      },
    },
    putNew(eventItem),
    ...(alertItem
      ? [
          putNew(alertItem),
          webhookEventPut("monitoring.alert.raised", alertView(alertItem), Date.now()),
        ]
      : []),
  ];
  return { transactItems, view };
}

/**
 * Judges an event against the user's rules and stores it with its alert, in one transaction
 * conditional on the user's state version: one GetItem and one TransactWriteItems per event
 * whatever the history. Concurrent events of a user are judged one by one in commit order.
 * Throws 409 `out_of_order` (storing nothing) for an event older than the user's latest.
 */
export async function recordEvent(input: EventInput): Promise<CreatedEventView> {
  const deadline = Date.now() + RETRY_BUDGET_MS;
  const inBudget = () => Date.now() < deadline;
  let record = await readUserRecord(input.user_id);
  for (let attempt = 1; inBudget(); attempt++) {
    if (isOutOfOrder(record.rules, input.time)) {
      throw new DomainError(
        "out_of_order",
        `The user's latest event is at time ${record.rules.lastTime}; this one is older`,
      );
    }
    const { transactItems, view } = eventTransaction(record, input);
    try {
      await db.send(new TransactWriteCommand({ TransactItems: transactItems }));
      for (const code of view.alert_codes)
        countMetric(monitoringMetrics.AlertsRaised, { code: String(code) });
      return view;
    } catch (error) {
      const stateReason = cancellationReasons(error)?.[0];
      if (stateReason?.code !== "ConditionalCheckFailed") throw error;
      // Full-jitter backoff: the losers of a round must not all come back as the next stampede.
      await backoff(attempt, BACKOFF_BASE_MS, BACKOFF_CAP_MS);
      if (stateReason.item) {
        record = userRecordFromItem(input.user_id, stateReason.item);
      } else {
        if (!inBudget()) break;
        record = await readUserRecord(input.user_id);
      }
    }
  }
  // Not the request's fault: the user's events pile up faster than they commit. Try later.
  throw DomainError.busy();
}
