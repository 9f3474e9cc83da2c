import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import type * as z from "zod";
import type { logInBody, sessionResponse } from "#accounts/api/schemas";
import { sessionTtlMs } from "#accounts/core/session";
import { newSessionToken } from "#accounts/core/tokens";
import { credentialsUnchanged, findCredentials } from "#accounts/store/account-store";
import { releaseLogInAttempt, reserveLogInAttempt } from "#accounts/store/login-throttle";
import { sessionPuts } from "#accounts/store/session-store";
import { clock } from "#platform/clock";
import { keyedHash } from "#platform/crypto/hash-key";
import { db } from "#platform/db/client";
import { rethrowCancellation } from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import { verifyPassword } from "./password";

const invalidCredentials = () =>
  new DomainError("invalid_credentials", "The email or the password is wrong");

/**
 * Exchanges email and password for a new bearer token. Unknown email and wrong password are
 * the same 401 after the same work (one read, one argon2 verification); each attempt counts
 * against the email's lock-out until it succeeds.
 */
export async function logIn(
  input: z.output<typeof logInBody>,
): Promise<z.output<typeof sessionResponse>> {
  // Independent reads, side by side; a locked email still gets its 429 before any verification.
  const [reservation, credentials] = await Promise.all([
    reserveLogInAttempt(input.email),
    findCredentials(input.email),
  ]);
  if (!(await verifyPassword(credentials?.passwordHash, input.password)) || !credentials) {
    throw invalidCredentials();
  }
  const token = newSessionToken();
  const now = clock.now();
  const expiresAtMs = now + sessionTtlMs();
  const session = {
    accountId: credentials.accountId,
    tokenHash: await keyedHash(token),
    expiresAtMs,
  };
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          ...sessionPuts(session, now),
          credentialsUnchanged(input.email, credentials),
        ],
      }),
    );
  } catch (error) {
    // The password changed or the account was deleted since we read it: the old one is void.
    rethrowCancellation(error, () => invalidCredentials());
  }
  await releaseLogInAttempt(reservation);
  return { token, token_type: "Bearer", expires_at: new Date(expiresAtMs).toISOString() };
}
