import type { Credentials } from "#accounts/core/account";
import { accountKeys } from "./keys";

/** The stored credentials item of an email: its owner and the password hash. */
export const toCredentialsItem = (email: string, credentials: Credentials) => ({
  ...accountKeys.credentials(email),
  type: "credentials",
  account_id: credentials.accountId,
  password_hash: credentials.passwordHash,
});

/** The credentials held by a stored credentials item. */
export const fromCredentialsItem = (item: Record<string, unknown>): Credentials => ({
  accountId: item.account_id as string,
  passwordHash: item.password_hash as string,
});
