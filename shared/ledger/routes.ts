import { pageOf } from "../http/page";
import { defineRoute, type RouteDefinition } from "../http/route";
import { idempotencyKeyHeaders } from "../idempotency/header";
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
const holder = { access: "account", usesHashKey: true, tags } satisfies Partial<RouteDefinition>;
const manager = { access: "manager", tags } satisfies Partial<RouteDefinition>;
const transactionPage = {
  200: { description: "A page of transactions, newest first", schema: pageOf(transactionView) },
};
const analytics = {
  200: { description: "The wallet's analytics", schema: analyticsView },
};

export const postTransactionRoute = defineRoute({
  ...manager,
  method: "POST",
  path: "/v1/accounts/{account_id}/transactions",
  handler: "ledger/post-transaction.ts",
  summary: "Post a credit or debit to an account's wallet, exactly once per Idempotency-Key",
  params: accountParams,
  headers: idempotencyKeyHeaders,
  body: postingBody,
  responses: {
    201: {
      description:
        "The posted transaction, with `Location`; a replay of a key's first request says " +
        "`Idempotent-Replayed: true`",
      schema: transactionView,
    },
  },
  errors: [
    { status: 404, code: "account_not_found" },
    { status: 409, code: "insufficient_funds" },
    { status: 409, code: "balance_limit_exceeded" },
    { status: 422, code: "idempotency_key_reused" },
  ],
  // One BatchGetItem (account, wallet, day, key record), one transaction of Puts and a check.
  tableActions: ["dynamodb:BatchGetItem", "dynamodb:PutItem", "dynamodb:ConditionCheckItem"],
});

export const listTransactionsRoute = defineRoute({
  ...manager,
  method: "GET",
  path: "/v1/accounts/{account_id}/transactions",
  handler: "ledger/list-transactions.ts",
  summary: "An account's transactions, newest first; `type`, `from`, `to` filter",
  params: accountParams,
  query: listQuery,
  responses: transactionPage,
  errors: [{ status: 404, code: "account_not_found" }],
  tableActions: ["dynamodb:Query", "dynamodb:BatchGetItem"],
});

export const getTransactionRoute = defineRoute({
  ...manager,
  method: "GET",
  path: "/v1/accounts/{account_id}/transactions/{transaction_id}",
  handler: "ledger/get-transaction.ts",
  summary: "One transaction of an account",
  params: accountTransactionParams,
  responses: { 200: { description: "The transaction", schema: transactionView } },
  errors: [
    { status: 404, code: "account_not_found" },
    { status: 404, code: "transaction_not_found" },
  ],
  tableActions: ["dynamodb:BatchGetItem"],
});

export const getAnalyticsRoute = defineRoute({
  ...manager,
  method: "GET",
  path: "/v1/accounts/{account_id}/analytics",
  handler: "ledger/get-analytics.ts",
  summary: "An account's balance and analytics (one read, whatever the history)",
  params: accountParams,
  responses: analytics,
  errors: [{ status: 404, code: "account_not_found" }],
  tableActions: ["dynamodb:BatchGetItem"],
});

export const listOwnTransactionsRoute = defineRoute({
  ...holder,
  method: "GET",
  path: "/v1/accounts/me/transactions",
  handler: "ledger/list-own-transactions.ts",
  summary: "One's own transactions, newest first; `type`, `from`, `to` filter",
  query: listQuery,
  responses: transactionPage,
  // The session's GetItem, then the Query.
  tableActions: ["dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchGetItem"],
});

export const getOwnTransactionRoute = defineRoute({
  ...holder,
  method: "GET",
  path: "/v1/accounts/me/transactions/{transaction_id}",
  handler: "ledger/get-own-transaction.ts",
  summary: "One of one's own transactions",
  params: ownTransactionParams,
  responses: { 200: { description: "The transaction", schema: transactionView } },
  errors: [{ status: 404, code: "transaction_not_found" }],
  tableActions: ["dynamodb:GetItem", "dynamodb:BatchGetItem"],
});

export const getOwnAnalyticsRoute = defineRoute({
  ...holder,
  method: "GET",
  path: "/v1/accounts/me/analytics",
  handler: "ledger/get-own-analytics.ts",
  summary: "One's own balance and analytics",
  responses: analytics,
  tableActions: ["dynamodb:GetItem", "dynamodb:BatchGetItem"],
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
