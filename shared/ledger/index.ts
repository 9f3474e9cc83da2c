/**
 * The ledger domain's one door: the app, the entry points and the other domains use it through
 * `#ledger` and nothing deeper.
 */
export { ledgerMetrics } from "#ledger/api/metrics";
export { ledgerRoutes } from "#ledger/api/routes";
