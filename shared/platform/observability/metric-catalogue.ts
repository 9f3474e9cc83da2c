/**
 * Every metric we publish, declared once: the emitters are typed by it, and the dashboard, the
 * alarms, the operations page's table and the tests are all derived from it. Each is published
 * with the `service` dimension besides its own. Dimensions stay low-cardinality by construction:
 * `function` is an entry of the route table, `reason` an error code a route declares, `code` an
 * alert code, `type` credit or debit; never an id.
 *
 * A metric is counted in one of two ways. The answers of a route: its definition maps statuses
 * to metrics (`answerMetrics`), and a metric with a `reason` takes the answer's error code. Or
 * where the thing happens, by `countMetric` in the domain's code.
 */
export const metricCatalogue = {
  ColdStart: {
    domain: "platform",
    unit: "Count",
    dimensions: ["function"],
    description: "The first invocation of a function in a new execution environment",
  },
  StoreRetries: {
    domain: "platform",
    unit: "Count",
    dimensions: ["function"],
    description:
      "DynamoDB requests sent again: the SDK's retries (throttling, timeouts, server errors), ours of transaction conflicts, and batches re-sent with the items DynamoDB left unprocessed",
  },
  ServiceUnavailable: {
    domain: "platform",
    unit: "Count",
    dimensions: ["function"],
    description:
      "503 answers: the store (or a draw's beacon) stayed unavailable after every retry; nothing changed",
  },
  InternalErrors: {
    domain: "platform",
    unit: "Count",
    dimensions: ["function"],
    description: "500 answers: a fault in our code, logged with its cause and request id",
  },
  StreamRecordsRetried: {
    domain: "platform",
    unit: "Count",
    dimensions: ["function"],
    description:
      "Stream records a stream function handed back for redelivery (a failed attempt, or the store failing it)",
  },
  RafflesCreated: {
    domain: "raffles",
    unit: "Count",
    dimensions: [],
    description: "Raffles created",
  },
  TicketsClaimed: {
    domain: "raffles",
    unit: "Count",
    dimensions: [],
    description: "Tickets claimed",
  },
  ClaimsRefused: {
    domain: "raffles",
    unit: "Count",
    dimensions: ["reason"],
    description: "Claims refused: the raffle sold out, or the player holds a ticket already",
  },
  RafflesDrawn: {
    domain: "raffles",
    unit: "Count",
    dimensions: [],
    description: "Raffles drawn: counted once, by the call that records the draw as done",
  },
  DrawsRefused: {
    domain: "raffles",
    unit: "Count",
    dimensions: ["reason"],
    description:
      "Draw calls refused: tickets remain, drawn already, or the beacon round is not out",
  },
  AccountsRegistered: {
    domain: "accounts",
    unit: "Count",
    dimensions: [],
    description: "Accounts registered",
  },
  LogIns: {
    domain: "accounts",
    unit: "Count",
    dimensions: [],
    description: "Log-ins: a bearer token handed out",
  },
  LogInsRefused: {
    domain: "accounts",
    unit: "Count",
    dimensions: ["reason"],
    description:
      "Log-ins refused: a wrong email or password, or an email locked out after ten failures in 15 minutes",
  },
  EventsRecorded: {
    domain: "monitoring",
    unit: "Count",
    dimensions: [],
    description: "Deposit and withdrawal events judged and stored",
  },
  EventsRefused: {
    domain: "monitoring",
    unit: "Count",
    dimensions: ["reason"],
    description: "Events refused: older than the user's latest",
  },
  AlertsRaised: {
    domain: "monitoring",
    unit: "Count",
    dimensions: ["code"],
    description: "Alerts raised, by rule code (an event may raise several)",
  },
  Postings: {
    domain: "ledger",
    unit: "Count",
    dimensions: ["type"],
    description: "Transactions posted, by type: counted when committed, never for a replay",
  },
  PostingsRefused: {
    domain: "ledger",
    unit: "Count",
    dimensions: ["reason"],
    description: "Postings refused, by the answer's code",
  },
  CouponsCreated: {
    domain: "coupons",
    unit: "Count",
    dimensions: [],
    description: "Coupons created",
  },
  CouponsRedeemed: {
    domain: "coupons",
    unit: "Count",
    dimensions: [],
    description: "Coupon redemptions committed",
  },
  RedemptionsRefused: {
    domain: "coupons",
    unit: "Count",
    dimensions: ["reason"],
    description:
      "Redemptions refused: the coupon is not active, has had its max_redemptions, or the account its per_account_limit",
  },
  NotificationsSent: {
    domain: "notifications",
    unit: "Count",
    dimensions: [],
    description: "SMS handed to the provider and recorded `sent`",
  },
  NotificationAttemptsFailed: {
    domain: "notifications",
    unit: "Count",
    dimensions: [],
    description: "SMS attempts that failed and will be tried again",
  },
  NotificationsFailed: {
    domain: "notifications",
    unit: "Count",
    dimensions: [],
    description:
      "SMS given up (`failed`): the last attempt failed, or the error is not worth retrying",
  },
  NotificationsRequeued: {
    domain: "notifications",
    unit: "Count",
    dimensions: [],
    description: "Failed SMS put back to pending by a manager",
  },
} as const satisfies Record<string, MetricDefinition>;

/** One metric: its domain (the dashboard's row), unit, dimensions and meaning. */
export interface MetricDefinition {
  domain: string;
  unit: "Count";
  dimensions: readonly MetricDimension[];
  description: string;
}

/** The dimensions a metric may have besides `service`. */
export type MetricDimension = "function" | "reason" | "code" | "type";

export type MetricName = keyof typeof metricCatalogue;

/** The dimensions of a metric that its emitter gives (`function` comes from the invocation). */
export type EmittedDimensions<N extends MetricName> = Record<
  Exclude<(typeof metricCatalogue)[N]["dimensions"][number], "function">,
  string
>;
