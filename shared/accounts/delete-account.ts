import {
  type ClosingCondition,
  findAccount,
  removeAccount,
  retryOnAccountChange,
} from "#accounts/store/account-store";
import { revokeSessions } from "#accounts/store/session-store";
import type { AccountPrincipal } from "./authenticate";

/**
 * Deletes the caller's account and frees its email (one transaction, with the `closing`
 * conditions other domains put on it: the ledger's wallet must be empty), then revokes all its
 * sessions. Repeating it after a failure part-way finishes the revocation.
 */
export async function deleteAccount(
  principal: AccountPrincipal,
  closing: readonly ClosingCondition[] = [],
): Promise<void> {
  await retryOnAccountChange(async () => {
    const account = await findAccount(principal.accountId);
    if (account) await removeAccount(account, closing);
  });
  // Log-ins racing the deletion fail their condition on the credentials item, so none can
  // add a session after this strongly consistent listing.
  await revokeSessions(principal.accountId);
}
