/*
 * Accounts item layout (one table, keys pk/sk, TTL attribute expires_at_epoch):
 *
 * | item        | pk                       | sk                   | attributes                                            |
 * |-------------|--------------------------|----------------------|-------------------------------------------------------|
 * | account     | ACCOUNT#<id>             | ACCOUNT              | id, email, name, phone, sms_notifications, created_at, version |
 * | credentials | EMAIL#<lower-case email> | CREDENTIALS          | account_id, password_hash                             |
 * | session     | SESSION#<token hash>     | SESSION              | account_id, created_at, expires_at, expires_at_epoch  |
 * | session ref | ACCOUNT#<id>             | SESSION#<token hash> | expires_at_epoch                                      |
 * | throttle    | LOGIN_THROTTLE#<email>   | WINDOW               | window_started_at, attempts, attempt_ids, expires_at_epoch |
 *
 * - The credentials item is both the email's uniqueness claim (written with
 *   attribute_not_exists in the same transaction as the account) and the only place the
 *   password hash lives: log-in is one GetItem whether or not the email exists, and reading an
 *   account can never return the hash. Changing the email moves this item in one transaction.
 * - A session is found by its token hash (authentication: one GetItem) and, through its
 *   session ref under the account's partition, by account: revoking every session of an
 *   account is a strongly consistent Query, no Scan and no eventually consistent index that
 *   could miss a session created a moment ago. Both items are written and deleted together.
 * - The token itself is never stored, only keyedHash(token).
 * - Idempotency records of sign-ups: scope ACCOUNTS (shared/platform/idempotency/record.ts).
 */
import { key } from "#platform/db/keys";

/** The scope of the Idempotency-Keys of sign-ups. */
export const ACCOUNTS_IDEMPOTENCY_SCOPE = "ACCOUNTS";

/** Keys of the items of the accounts domain. */
export const accountKeys = {
  account: (accountId: string) => ({ pk: key("ACCOUNT", accountId), sk: "ACCOUNT" }),
  credentials: (email: string) => ({ pk: key("EMAIL", email), sk: "CREDENTIALS" }),
  session: (tokenHash: string) => ({ pk: key("SESSION", tokenHash), sk: "SESSION" }),
  sessionRef: (accountId: string, tokenHash: string) => ({
    pk: key("ACCOUNT", accountId),
    sk: key("SESSION", tokenHash),
  }),
  /** The partition and sort-key prefix under which an account's session refs live. */
  sessionRefs: (accountId: string) => ({ pk: key("ACCOUNT", accountId), skPrefix: "SESSION#" }),
  loginThrottle: (email: string) => ({ pk: key("LOGIN_THROTTLE", email), sk: "WINDOW" }),
};
