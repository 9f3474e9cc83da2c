// Deliberately free of argon2: every account route authenticates, few of them hash passwords.

import { isSessionLive } from "#accounts/core/session";
import { isWellFormedToken } from "#accounts/core/tokens";
import { findSession } from "#accounts/store/session-store";
import { clock } from "#platform/clock";
import { keyedHash } from "#platform/crypto/hash-key";
import { DomainError } from "#platform/errors";
import type { Authenticator } from "#platform/http/handler";

/** Who is calling an account route: the account and the session (token hash) they use. */
export interface AccountPrincipal {
  accountId: string;
  tokenHash: string;
}

const BEARER = /^Bearer[ \t]+(\S+)[ \t]*$/i;

/** The bearer token of a request, if it carries one in the `Authorization` header. */
export function bearerToken(headers: Record<string, string | undefined>): string | undefined {
  const header = headers.authorization ?? headers.Authorization;
  return header ? BEARER.exec(header)?.[1] : undefined;
}

/**
 * Resolves `Authorization: Bearer <token>` to its session; 401 for a missing, unknown, revoked
 * or expired token. Expiry is checked here because DynamoDB deletes expired items lazily.
 */
export const authenticateAccount: Authenticator<AccountPrincipal> = async (event) => {
  const token = bearerToken(event.headers ?? {});
  if (!token || !isWellFormedToken(token))
    throw new DomainError("unauthenticated", "A valid bearer token is required");
  const tokenHash = await keyedHash(token);
  const session = await findSession(tokenHash);
  if (!isSessionLive(session, clock.now())) {
    throw new DomainError("unauthenticated", "The token is unknown, revoked or expired");
  }
  return { accountId: session.accountId, tokenHash };
};
