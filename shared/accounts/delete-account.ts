import { findAccount, removeAccount, retryOnAccountChange } from "./account-store";
import type { AccountPrincipal } from "./authenticate";
import { revokeSessions } from "./session-store";

/**
 * Deletes the caller's account and frees its email (one transaction), then revokes all its
 * sessions. Repeating it after a failure part-way finishes the revocation.
 */
export async function deleteAccount(principal: AccountPrincipal): Promise<void> {
  await retryOnAccountChange(async () => {
    const account = await findAccount(principal.accountId);
    if (account) await removeAccount(account);
  });
  // Log-ins racing the deletion fail their condition on the credentials item, so none can
  // add a session after this strongly consistent listing.
  await revokeSessions(principal.accountId);
}
