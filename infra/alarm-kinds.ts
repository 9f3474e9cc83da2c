/** Each kind of alarm: what fires it (also in its description) and its runbook section. */
export const alarmKinds = {
  apiErrors: {
    firesWhen: "over 5 minutes with at least 20 requests, more than 1% of them answered 5xx",
    runbook: "api-5xx-rate",
  },
  functionErrors: {
    firesWhen: "in 5 minutes, one invocation of the function failed or was throttled",
    runbook: "function-errors-or-throttles",
  },
  tableThrottles: {
    firesWhen: "in 2 of 3 periods of 5 minutes, DynamoDB throttled a read or a write",
    runbook: "table-throttled",
  },
  tableSystemErrors: {
    firesWhen: "in 5 minutes, DynamoDB answered a request with a server error",
    runbook: "table-system-errors",
  },
  streamOnFailure: {
    firesWhen:
      "a stream record that a stream function never processed is in their shared on-failure queue",
    runbook: "stream-records-never-processed",
  },
  streamIteratorAge: {
    firesWhen:
      "for 2 periods of 5 minutes, the oldest record given to the function is 5 minutes old",
    runbook: "stream-falling-behind",
  },
  notificationsFailed: {
    firesWhen: "in 5 minutes, an SMS was given up (`failed`)",
    runbook: "notifications-failed",
  },
  webhookDeliveriesFailed: {
    firesWhen: "in 5 minutes, a webhook delivery was given up (`failed`) or an endpoint disabled",
    runbook: "webhook-deliveries-failed",
  },
  webhookOldestPendingAge: {
    firesWhen:
      "for 2 periods of 5 minutes, the oldest due pending webhook delivery has waited more than 5 minutes past its due time",
    runbook: "webhook-deliveries-waiting",
  },
} as const;

export type AlarmKind = keyof typeof alarmKinds;

/** An alarm's description: what it watches, when it fires, and where its runbook is. */
export const alarmDescription = (kind: AlarmKind, what: string) =>
  `${what}: fires when ${alarmKinds[kind].firesWhen}. Runbook: docs/operations.md#${alarmKinds[kind].runbook}`;
