import type { AccountRecord } from "#accounts/core/account";
import { findAccount } from "#accounts/store/account-store";
import { DomainError } from "#platform/errors";
import type { AccountPrincipal } from "./authenticate";

/** The caller's account; 401 when it was deleted while the token was still alive. */
export async function currentAccount(principal: AccountPrincipal): Promise<AccountRecord> {
  const account = await findAccount(principal.accountId);
  if (!account)
    throw new DomainError("unauthenticated", "The account of this token no longer exists");
  return account;
}
