import { type AccountPrincipal, deleteAccount } from "#accounts";
import { walletMustBeEmpty } from "#ledger/store/wallet-guard";

/**
 * Closes the caller's account (DELETE /v1/accounts/me): the accounts domain deletes it, its
 * credentials and sessions, in one transaction with the ledger's check that the wallet is
 * empty; 409 `balance_not_zero` (nothing deleted) while it holds money. The ledger itself stays:
 * managers still read a closed account's history.
 */
export const closeAccount = (principal: AccountPrincipal) =>
  deleteAccount(principal, [walletMustBeEmpty(principal.accountId)]);
