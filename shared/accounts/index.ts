/**
 * The accounts domain's one door: the app, the entry points and the other domains use it through
 * `#accounts` and nothing deeper.
 */
export { accountMetrics } from "#accounts/api/metrics";
export {
  accountsRoutes,
  deleteMeRoute,
  logInRoute,
  logOutRoute,
  readMeRoute,
  registerRoute,
  updateMeRoute,
} from "#accounts/api/routes";
export { type AccountPrincipal, authenticateAccount } from "#accounts/authenticate";
export { type AccountRecord, toAccountView } from "#accounts/core/account";
export { isAccountId } from "#accounts/core/tokens";
export { currentAccount } from "#accounts/current-account";
export { deleteAccount } from "#accounts/delete-account";
export { logIn } from "#accounts/log-in";
export { signUp } from "#accounts/sign-up";
export { fromAccountItem } from "#accounts/store/account-item";
export {
  accountExists,
  accountItemKey,
  type ClosingCondition,
} from "#accounts/store/account-store";
export { deleteSession } from "#accounts/store/session-store";
export { updateAccount } from "#accounts/update-account";
