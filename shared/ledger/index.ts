/**
 * The ledger domain's one door: the app, the entry points and the other domains use it through
 * `#ledger` and nothing deeper.
 */
export { ledgerMetrics } from "#ledger/api/metrics";
export {
  getAnalyticsRoute,
  getOwnAnalyticsRoute,
  getOwnTransactionRoute,
  getTransactionRoute,
  ledgerRoutes,
  listOwnTransactionsRoute,
  listTransactionsRoute,
  postTransactionRoute,
} from "#ledger/api/routes";
export { closeAccount } from "#ledger/close-account";
export { postTransaction } from "#ledger/post-transaction";
export { listTransactions, readAnalytics, readTransaction } from "#ledger/read-ledger";
