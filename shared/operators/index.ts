/**
 * The operators domain's one door: operator keys, and the check every manager route runs.
 */
export {
  createOperatorKeyRoute,
  listOperatorKeysRoute,
  operatorRoutes,
  revokeOperatorKeyRoute,
} from "#operators/api/routes";
export { managerKeyMode } from "#operators/core/operator-key";
export {
  checkOperatorKey,
  createOperatorKey,
  listKeys,
  revokeKey,
} from "#operators/operator-keys";
