import { ledgerMetrics } from "#ledger/api/metrics";
import { defineRoute, type RouteDefinition } from "#platform/function-definitions";
import { pageOf } from "#platform/http/page";
import { idempotencyKeyHeaders } from "#platform/idempotency/header";
import {
  accountParams,
  accountTransactionParams,
  analyticsView,
  listQuery,
  ownTransactionParams,
  postingBody,
  transactionView,
} from "./schemas";

const tags = ["ledger"];
const holder = { access: "account", tags } satisfies Partial<RouteDefinition>;
const manager = { access: "manager", tags } satisfies Partial<RouteDefinition>;
const accountId = "a_Qe1oWLpNuHVMzxV3iXQr0A";
const transactionExample = {
  id: "tx_1796029201000_000000000007",
  account_id: accountId,
  sequence: 7,
  type: "credit",
  amount: "12.50",
  currency: "USD",
  balance_after: "112.50",
  description: "Prize payout",
  occurred_at: "2026-11-30T09:00:00.000Z",
  created_at: "2026-11-30T09:00:01.000Z",
  notification: { channel: "sms", status: "sent", detail: null },
};
const transactionPage = {
  200: {
    description: "A page of transactions in statement order, newest (highest sequence) first",
    schema: pageOf(transactionView),
    example: { items: [transactionExample], next_cursor: null },
  },
};
const oneTransaction = {
  200: { description: "The transaction", schema: transactionView, example: transactionExample },
};
const analytics = {
  200: {
    description: "The wallet's analytics",
    schema: analyticsView,
    example: {
      account_id: accountId,
      currency: "USD",
      balance: "112.50",
      transaction_count: 7,
      credit_count: 5,
      debit_count: 2,
      total_credited: "150.00",
      total_debited: "37.50",
      average_transaction_value: "26.79",
      busiest_day: { date: "2026-11-30", transaction_count: 4 },
      credit_score: 1,
    },
  },
};
const accountNotFound = {
  status: 404,
  code: "account_not_found",
  description: "No account has this id",
};
const transactionNotFound = {
  status: 404,
  code: "transaction_not_found",
  description: "This account has no transaction with this id",
};

export const postTransactionRoute = defineRoute({
  ...manager,
  method: "POST",
  path: "/v1/accounts/{account_id}/transactions",
  summary: "Post a credit or debit to an account's wallet, exactly once per Idempotency-Key",
  params: accountParams,
  headers: idempotencyKeyHeaders,
  body: postingBody,
  requestExample: {
    params: { account_id: accountId },
    headers: { "Idempotency-Key": "8e03978e-40d5-43e8-bc93-6894a57f9324" },
    body: { type: "credit", amount: "12.50", description: "Prize payout" },
  },
  responses: {
    201: {
      description:
        "The posted transaction, with `Location`; a replay of a key's first request says " +
        "`Idempotent-Replayed: true`",
      schema: transactionView,
      example: transactionExample,
      headers: ["Location", "Idempotent-Replayed"],
    },
  },
  errors: [
    accountNotFound,
    {
      status: 409,
      code: "insufficient_funds",
      description: "A debit larger than the balance; nothing is stored",
    },
    {
      status: 409,
      code: "balance_limit_exceeded",
      description: "The balance would pass 1,000,000,000,000.00; nothing is stored",
    },
    {
      status: 422,
      code: "idempotency_key_reused",
      description: "This Idempotency-Key was used with another request within 24 hours",
    },
  ],
  answerMetrics: {
    404: ledgerMetrics.PostingsRefused,
    409: ledgerMetrics.PostingsRefused,
    422: ledgerMetrics.PostingsRefused,
  },
  function: {
    handler: "ledger/post-transaction.ts",
    // One BatchGetItem (account, wallet, day, key record), one transaction of Puts and a check.
    tableActions: ["dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:ConditionCheckItem"],
  },
});

export const listTransactionsRoute = defineRoute({
  ...manager,
  method: "GET",
  path: "/v1/accounts/{account_id}/transactions",
  summary:
    "An account's statement, newest (highest sequence) first; `type`, `from`, `to` (on created_at) filter",
  params: accountParams,
  query: listQuery,
  requestExample: {
    params: { account_id: accountId },
    query: { type: "credit", from: "2026-11-01", limit: "20" },
  },
  responses: transactionPage,
  errors: [accountNotFound],
  function: {
    handler: "ledger/list-transactions.ts",
    tableActions: ["dynamodb:Query", "dynamodb:BatchGetItem"],
  },
});

export const getTransactionRoute = defineRoute({
  ...manager,
  method: "GET",
  path: "/v1/accounts/{account_id}/transactions/{transaction_id}",
  summary: "One transaction of an account",
  params: accountTransactionParams,
  requestExample: {
    params: { account_id: accountId, transaction_id: transactionExample.id },
  },
  responses: oneTransaction,
  errors: [accountNotFound, transactionNotFound],
  function: {
    handler: "ledger/get-transaction.ts",
    tableActions: ["dynamodb:BatchGetItem"],
  },
});

export const getAnalyticsRoute = defineRoute({
  ...manager,
  method: "GET",
  path: "/v1/accounts/{account_id}/analytics",
  summary: "An account's balance and analytics (one read, whatever the history)",
  params: accountParams,
  requestExample: { params: { account_id: accountId } },
  responses: analytics,
  errors: [accountNotFound],
  function: {
    handler: "ledger/get-analytics.ts",
    tableActions: ["dynamodb:BatchGetItem"],
  },
});

export const listOwnTransactionsRoute = defineRoute({
  ...holder,
  method: "GET",
  path: "/v1/accounts/me/transactions",
  summary:
    "One's own statement, newest (highest sequence) first; `type`, `from`, `to` (on created_at) filter",
  query: listQuery,
  requestExample: { query: { limit: "20" } },
  responses: transactionPage,
  function: {
    // Account routes hash the bearer token to find its session.
    usesHashKey: true,
    handler: "ledger/list-own-transactions.ts",
    // The session's GetItem, then the Query.
    tableActions: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"],
  },
});

export const getOwnTransactionRoute = defineRoute({
  ...holder,
  method: "GET",
  path: "/v1/accounts/me/transactions/{transaction_id}",
  summary: "One of one's own transactions",
  params: ownTransactionParams,
  requestExample: { params: { transaction_id: transactionExample.id } },
  responses: oneTransaction,
  errors: [transactionNotFound],
  function: {
    // Account routes hash the bearer token to find its session.
    usesHashKey: true,
    handler: "ledger/get-own-transaction.ts",
    tableActions: ["dynamodb:GetItem", "dynamodb:BatchGetItem"],
  },
});

export const getOwnAnalyticsRoute = defineRoute({
  ...holder,
  method: "GET",
  path: "/v1/accounts/me/analytics",
  summary: "One's own balance and analytics",
  requestExample: {},
  responses: analytics,
  function: {
    // Account routes hash the bearer token to find its session.
    usesHashKey: true,
    handler: "ledger/get-own-analytics.ts",
    tableActions: ["dynamodb:GetItem", "dynamodb:BatchGetItem"],
  },
});

export const ledgerRoutes = [
  postTransactionRoute,
  listTransactionsRoute,
  getTransactionRoute,
  getAnalyticsRoute,
  listOwnTransactionsRoute,
  getOwnTransactionRoute,
  getOwnAnalyticsRoute,
];
