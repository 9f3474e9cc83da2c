// What each operation costs in DynamoDB: the requests and the capacity units, as measured against
// DynamoDB Local by test/integration/platform/operation-costs.test.ts (which fails when one changes) and
// published in docs/scale.md (generated from this list: test/unit/docs/scale.test.ts).

/** DynamoDB requests by operation name, and read and write units (on demand: RRU, WRU). */
export interface OperationCost {
  operation: string;
  route: string;
  /** What the measured call is, where the cost depends on it. */
  setting: string;
  /** The measured call's answer. */
  status: number;
  requests: Record<string, number>;
  readUnits: number;
  writeUnits: number;
}

export const operationCosts = {
  createRaffle: {
    operation: "create a raffle",
    route: "POST /v1/raffles",
    setting: "100 tickets",
    status: 201,
    requests: { PutItem: 1 },
    readUnits: 0,
    writeUnits: 2,
  },
  claimTicket: {
    operation: "claim a ticket",
    route: "POST /v1/raffles/{id}/tickets",
    setting: "warm function (the raffle's terms cached)",
    status: 201,
    requests: { TransactWriteItems: 1 },
    readUnits: 0,
    writeUnits: 7,
  },
  getRaffle: {
    operation: "read a raffle",
    route: "GET /v1/raffles/{id}",
    setting: "16 tickets (one counter shard), 3 claimed",
    status: 200,
    requests: { BatchGetItem: 1 },
    readUnits: 2,
    writeUnits: 0,
  },
  drawRaffle: {
    operation: "draw a raffle",
    route: "POST /v1/raffles/{id}/draw",
    setting: "10 tickets, 1 prize",
    status: 200,
    // The second UpdateItem (drawing → drawn) became a transaction with the raffle.drawn
    // webhook event: 9 write units before, as DynamoDB Local reports them.
    requests: { BatchGetItem: 1, UpdateItem: 1, TransactWriteItems: 1, BatchWriteItem: 1 },
    readUnits: 2,
    writeUnits: 10,
  },
  register: {
    operation: "register",
    route: "POST /v1/accounts",
    setting: "",
    status: 201,
    requests: { TransactWriteItems: 1 },
    readUnits: 0,
    writeUnits: 4,
  },
  logIn: {
    operation: "log in",
    route: "POST /v1/sessions",
    setting: "",
    status: 201,
    requests: { UpdateItem: 2, GetItem: 1, TransactWriteItems: 1 },
    readUnits: 1,
    writeUnits: 8,
  },
  readMe: {
    operation: "read one's account (any bearer call: the session lookup)",
    route: "GET /v1/accounts/me",
    setting: "",
    status: 200,
    requests: { GetItem: 2 },
    readUnits: 2,
    writeUnits: 0,
  },
  postTransaction: {
    operation: "post a debit with an Idempotency-Key",
    route: "POST /v1/accounts/{account_id}/transactions",
    setting: "",
    status: 201,
    requests: { BatchGetItem: 1, TransactWriteItems: 1 },
    readUnits: 3,
    // 15 before its webhook event joined the transaction: the event adds 3 (2 for its item in
    // a transaction, 1 for the outbox's status index), and no request.
    writeUnits: 18,
  },
  getTransaction: {
    operation: "read a transaction with its notification",
    route: "GET /v1/accounts/{account_id}/transactions/{transaction_id}",
    setting: "",
    status: 200,
    requests: { BatchGetItem: 1 },
    readUnits: 2,
    writeUnits: 0,
  },
  listTransactions: {
    operation: "a page of transactions",
    route: "GET /v1/accounts/{account_id}/transactions",
    setting: "limit 20 of 25",
    status: 200,
    requests: { Query: 1, BatchGetItem: 1 },
    readUnits: 22,
    writeUnits: 0,
  },
  ledgerAnalytics: {
    operation: "a wallet's analytics",
    route: "GET /v1/accounts/{account_id}/analytics",
    setting: "",
    status: 200,
    requests: { BatchGetItem: 1 },
    readUnits: 2,
    writeUnits: 0,
  },
  postEvent: {
    operation: "record a monitoring event",
    route: "POST /v1/events",
    setting: "the user's second event, warm function",
    status: 201,
    // The state the first event committed is kept in the process: not read again (cold: 1 Query
    // more). No alert: its entry alone (4 units while the state, the event and the alert were
    // items of their own in one transaction).
    requests: { PutItem: 1 },
    readUnits: 0,
    writeUnits: 1,
  },
  postAlertingEvent: {
    operation: "record a monitoring event that raises an alert",
    route: "POST /v1/events",
    setting: "the user's second event, a withdrawal over 100.00, warm function",
    status: 201,
    // Its entry, which carries the alert's webhook event: 1, and 1 for each index it is on (all
    // alerts, the user's alerts, the outbox's status). 7 while the event was an item of its own
    // in a transaction with the entry; 10 while the state, the event and the alert were too.
    requests: { PutItem: 1 },
    readUnits: 0,
    writeUnits: 4,
  },
  createCoupon: {
    operation: "create a coupon",
    route: "POST /v1/coupons",
    setting: "max_redemptions 100, a code new to its merchant",
    status: 201,
    // Its code claim is not read: assumed absent, the transaction's condition checks it.
    requests: { TransactWriteItems: 1 },
    readUnits: 0,
    // 86 while its 8 listing copies were in its transaction: the stream writes them now.
    writeUnits: 6,
  },
  getCoupon: {
    operation: "read a coupon",
    route: "GET /v1/coupons/{coupon_id}",
    setting: "max_redemptions 100 (7 shards, none redeemed yet), warm function",
    status: 200,
    requests: { BatchGetItem: 1 },
    readUnits: 1,
    writeUnits: 0,
  },
  redeemCoupon: {
    operation: "redeem a coupon",
    route: "POST /v1/coupons/{coupon_id}/redemptions",
    setting: "warm function (the coupon's terms cached)",
    status: 201,
    requests: { GetItem: 1, TransactWriteItems: 1 },
    readUnits: 1,
    // 7 before its webhook event joined the transaction: the event adds 3, and no request.
    writeUnits: 10,
  },
  listCoupons: {
    operation: "a page of coupons",
    route: "GET /v1/coupons",
    setting: "limit 20 of a merchant's 25",
    status: 200,
    requests: { Query: 1 },
    readUnits: 3,
    writeUnits: 0,
  },
  listNewCoupon: {
    operation: "list a new coupon (the listings' stream function)",
    route: "stream: coupons/keep-listings",
    setting: "a coupon item's INSERT: its 8 listing copies",
    status: 200,
    requests: { BatchWriteItem: 1 },
    readUnits: 0,
    writeUnits: 48,
  },
  recountCoupon: {
    operation: "count a redemption in the lists (the listings' stream function)",
    route: "stream: coupons/keep-listings",
    setting: "one redemption alone in its batches: the recount, then the coupon's 8 listings",
    status: 200,
    requests: { BatchGetItem: 2, UpdateItem: 1, BatchWriteItem: 1 },
    readUnits: 2,
    writeUnits: 63,
  },
} satisfies Record<string, OperationCost>;

export type OperationId = keyof typeof operationCosts;

/** The workload docs/scale.md prices: calls a month of each measured operation. */
export const monthlyWorkload: Record<OperationId, number> = {
  createRaffle: 1_000,
  claimTicket: 2_000_000,
  getRaffle: 10_000_000,
  drawRaffle: 1_000,
  register: 50_000,
  logIn: 300_000,
  readMe: 1_000_000,
  postTransaction: 1_000_000,
  getTransaction: 500_000,
  listTransactions: 500_000,
  ledgerAnalytics: 200_000,
  // One event in 20 raises an alert.
  postEvent: 1_900_000,
  postAlertingEvent: 100_000,
  createCoupon: 2_000,
  getCoupon: 3_000_000,
  redeemCoupon: 300_000,
  listCoupons: 1_000_000,
  listNewCoupon: 2_000,
  // As if no two redemptions of a coupon ever shared a batch: the dearest case.
  recountCoupon: 300_000,
};

/**
 * The prices docs/scale.md assumes, USD, AWS us-east-1 list prices as last known (DynamoDB
 * on-demand after its November 2024 cut); not re-checked online on the date below.
 */
export const assumedPrices = {
  asOf: "2026-12-02",
  perMillionWriteUnits: 0.625,
  perMillionReadUnits: 0.125,
  perMillionApiRequests: 1.0,
  perMillionLambdaRequests: 0.2,
  perArmGbSecond: 0.0000133334,
  perX86GbSecond: 0.0000166667,
};

/** How long an invocation runs on AWS, assumed: most are a few DynamoDB round trips. */
export const assumedDurationMs = { default: 50, passwordHashing: 400 };
