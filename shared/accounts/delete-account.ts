import { AccountChangedError, findAccount, removeAccount } from "./account-store";
import type { AccountPrincipal } from "./authenticate";
import { revokeSessions } from "./session-store";

const MAX_RACES = 3;

/**
 * Deletes the caller's account and frees its email (one transaction), then revokes all its
 * sessions. Repeating it after a failure part-way finishes the revocation.
 */
export async function deleteAccount(principal: AccountPrincipal): Promise<void> {
  for (let race = 1; ; race++) {
    const account = await findAccount(principal.accountId);
    if (!account) break;
    try {
      await removeAccount(account);
      break;
    } catch (error) {
      if (!(error instanceof AccountChangedError) || race >= MAX_RACES) throw error;
    }
  }
  // Log-ins racing the deletion fail their condition on the credentials item, so none can
  // add a session after this strongly consistent listing.
  await revokeSessions(principal.accountId);
}
