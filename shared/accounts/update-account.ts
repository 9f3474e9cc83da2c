import {
  type AccountPatch,
  type AccountView,
  type Credentials,
  planAccountPatch,
  toAccountView,
} from "#accounts/core/account";
import {
  findCredentials,
  retryOnAccountChange,
  saveAccountChange,
} from "#accounts/store/account-store";
import { releaseLogInAttempt, reserveLogInAttempt } from "#accounts/store/login-throttle";
import { revokeSessions } from "#accounts/store/session-store";
import { DomainError } from "#platform/errors";
import type { AccountPrincipal } from "./authenticate";
import { currentAccount } from "./current-account";
import { hashPassword, verifyPassword } from "./password";

const wrongPassword = () => new DomainError("invalid_credentials", "The current password is wrong");

/**
 * Proves the current password against the stored hash. Guesses count against the same
 * lock-out as log-ins, so a stolen token cannot be used to brute-force the password.
 */
async function proveCurrentPassword(
  email: string,
  password: string,
  credentials: Credentials | undefined,
): Promise<Credentials> {
  const reservation = await reserveLogInAttempt(email);
  if (!(await verifyPassword(credentials?.passwordHash, password)) || !credentials) {
    throw wrongPassword();
  }
  await releaseLogInAttempt(reservation);
  return credentials;
}

/**
 * Applies a merge patch to the caller's account. An email change moves the uniqueness claim in
 * the same transaction; a password change then revokes every other session of the account.
 */
export async function updateAccount(
  principal: AccountPrincipal,
  patch: AccountPatch,
): Promise<AccountView> {
  let verifiedHash: string | undefined;
  let newPasswordHash: string | undefined;
  return retryOnAccountChange(async () => {
    const current = await currentAccount(principal);
    const change = planAccountPatch(current, patch);
    let verified: Credentials | undefined;
    if (change.needsCurrentPassword) {
      const stored = await findCredentials(current.email);
      // Verify once; again only if the hash changed under us (a concurrent password change).
      verified =
        stored && stored.passwordHash === verifiedHash
          ? stored
          : await proveCurrentPassword(current.email, patch.current_password ?? "", stored);
      verifiedHash = verified.passwordHash;
    }
    if (!change.writes) return toAccountView(current);
    // Hashed only once the current password is proven: a wrong guess costs one argon2 run.
    if (patch.password !== undefined) newPasswordHash ??= await hashPassword(patch.password);
    const saved = await saveAccountChange(current, change, verified, newPasswordHash);
    if (newPasswordHash) await revokeSessions(current.id, principal.tokenHash);
    return toAccountView(saved);
  });
}
