import {
  DeleteCommand,
  QueryCommand,
  TransactWriteCommand,
  UpdateCommand,
} from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it, vi } from "vitest";
import { LOG_IN_LIMIT } from "#accounts/core/login-window";
import { sessionTtlMs } from "#accounts/core/session";
import { newSessionToken } from "#accounts/core/tokens";
import { DUMMY_HASH } from "#accounts/password";
import { accountKeys } from "#accounts/store/keys";
import { revokeSessions, sessionPuts } from "#accounts/store/session-store";
import { clock } from "#platform/clock";
import { keyedHash } from "#platform/crypto/hash-key";
import { db, requestCounter, tableName } from "#platform/db/client";
import { argon2Verifications } from "../../support/argon2-calls";
import {
  accounts,
  beforeNextTransaction,
  PASSWORD,
  registeredUser,
  stopRacing,
  uniqueEmail,
} from "./calls";

afterEach(() => {
  vi.restoreAllMocks();
  stopRacing();
});

const sessionCount = async (accountId: string) => {
  const { pk, skPrefix } = accountKeys.sessionRefs(accountId);
  const { Count } = await db.send(
    new QueryCommand({
      TableName: tableName,
      KeyConditionExpression: "pk = :pk AND begins_with(sk, :prefix)",
      ExpressionAttributeValues: { ":pk": pk, ":prefix": skPrefix },
      ConsistentRead: true,
    }),
  );
  return Count;
};

/** Moves the accounts clock to `ms` from the real now. */
const shiftClock = (ms: number) => {
  const base = Date.now();
  vi.spyOn(clock, "now").mockImplementation(() => base + ms);
};

describe("log-in", () => {
  it("costs four requests: count the attempt, read the credentials, write the session, hand the attempt back", async () => {
    const { email } = await registeredUser("counted");
    requestCounter.reset();
    expect((await accounts.logIn({ email, password: PASSWORD })).status).toBe(201);
    expect(requestCounter.byCommand).toEqual({
      UpdateItemCommand: 2,
      GetItemCommand: 1,
      TransactWriteItemsCommand: 1,
    });
  });

  it("answers unknown email and wrong password with the same 401 after the same work", async () => {
    const { email } = await registeredUser("timing");
    const unknown = uniqueEmail("nobody");
    const verified = async (body: object) => {
      argon2Verifications.length = 0;
      const response = await accounts.logIn(body);
      return { response, hashes: [...argon2Verifications] };
    };
    const wrong = await verified({ email, password: "wrong password" });
    const missing = await verified({ email: unknown, password: "wrong password" });
    expect(wrong.response.status).toBe(401);
    expect(wrong.response.body.code).toBe("invalid_credentials");
    expect(missing.response.body).toEqual(wrong.response.body);
    // The time is one argon2id verification either way (counted, not timed: a skipped
    // verification would answer ~10x sooner): the account's hash, or a dummy one at the same
    // cost (its parameters are held to hashPassword's by a unit test).
    expect(wrong.hashes).toHaveLength(1);
    expect(wrong.hashes[0]).not.toBe(DUMMY_HASH);
    expect(missing.hashes).toEqual([DUMMY_HASH]);
  });

  it.each([
    [
      "the password changed",
      (email: string) =>
        new UpdateCommand({
          TableName: tableName,
          Key: accountKeys.credentials(email),
          UpdateExpression: "SET password_hash = :other",
          ExpressionAttributeValues: { ":other": "$argon2id$v=19$m=19456,t=2,p=1$other" },
        }),
    ],
    [
      "the account was deleted",
      (email: string) =>
        new DeleteCommand({ TableName: tableName, Key: accountKeys.credentials(email) }),
    ],
  ])("writes no session when %s between verification and the session write", async (_, racer) => {
    const { id, email } = await registeredUser("raced");
    const before = await sessionCount(id);
    beforeNextTransaction(() => db.send(racer(email)));
    const response = await accounts.logIn({ email, password: PASSWORD });
    expect(response.status).toBe(401);
    expect(response.body.code).toBe("invalid_credentials");
    expect(await sessionCount(id)).toBe(before);
  });

  it("locks an email after ten failures with 429 and Retry-After, and opens once the window has passed", async () => {
    const { email } = await registeredUser("locked");
    shiftClock(0);
    for (let i = 0; i < LOG_IN_LIMIT.attempts; i++) {
      expect((await accounts.logIn({ email, password: `wrong ${i}` })).status).toBe(401);
    }
    const locked = await accounts.logIn({ email, password: PASSWORD });
    expect(locked.status).toBe(429);
    expect(locked.body.code).toBe("too_many_requests");
    const retryAfter = Number(locked.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThan(890);
    expect(retryAfter).toBeLessThanOrEqual(900);

    shiftClock(LOG_IN_LIMIT.windowMs - 60_000);
    const stillLocked = await accounts.logIn({ email, password: PASSWORD });
    expect(stillLocked.status).toBe(429);
    expect(Number(stillLocked.headers["retry-after"])).toBeLessThanOrEqual(60);

    shiftClock(LOG_IN_LIMIT.windowMs + 1_000);
    expect((await accounts.logIn({ email, password: PASSWORD })).status).toBe(201);
  });

  it("counts only failures: successful log-ins hand their attempt back", async () => {
    const { email } = await registeredUser("mixed");
    for (let i = 0; i < 9; i++) await accounts.logIn({ email, password: "wrong password" });
    for (let i = 0; i < 3; i++) {
      expect((await accounts.logIn({ email, password: PASSWORD })).status).toBe(201);
    }
    expect((await accounts.logIn({ email, password: "wrong again" })).status).toBe(401);
    expect((await accounts.logIn({ email, password: PASSWORD })).status).toBe(429);
  });

  it("lets no more than ten guesses through even when they arrive all at once", async () => {
    const email = uniqueEmail("burst");
    const results = await Promise.all(
      Array.from({ length: 14 }, (_, i) => accounts.logIn({ email, password: `guess ${i}` })),
    );
    const statuses = results.map((result) => result.status).sort();
    expect(statuses).toEqual([...Array(10).fill(401), ...Array(4).fill(429)]);
  });
});

describe("bearer tokens", () => {
  it("refuses a token once it has expired, though its item still exists", async () => {
    const { token } = await registeredUser("expiring");
    expect((await accounts.readMe(token)).status).toBe(200);
    shiftClock(sessionTtlMs() - 60_000);
    expect((await accounts.readMe(token)).status).toBe(200);
    shiftClock(sessionTtlMs() + 1_000);
    const expired = await accounts.readMe(token);
    expect(expired.status).toBe(401);
    expect(expired.headers["www-authenticate"]).toBe("Bearer");
    expect(expired.body.code).toBe("unauthenticated");
  });

  it.each([
    ["no Authorization header", {}],
    ["another scheme", { authorization: "Basic dXNlcjpwYXNz" }],
    ["a bearer with no token", { authorization: "Bearer " }],
    ["a malformed token", { authorization: "Bearer not-a-token" }],
    ["an unknown token", { authorization: `Bearer ${"A".repeat(43)}` }],
  ])("answers 401 with WWW-Authenticate for %s", async (_, headers: Record<string, string>) => {
    for (const response of [
      await accounts.readMe(undefined, headers),
      await accounts.logOut(undefined, headers),
    ]) {
      expect(response.status).toBe(401);
      expect(response.headers["www-authenticate"]).toBe("Bearer");
      expect(response.body.code).toBe("unauthenticated");
    }
  });

  it("accepts the scheme in any case, and reads the account in two requests", async () => {
    const { token } = await registeredUser("casing");
    requestCounter.reset();
    const response = await accounts.readMe(undefined, { authorization: `bearer ${token}` });
    expect(response.status).toBe(200);
    expect(requestCounter.byCommand).toEqual({ GetItemCommand: 2 });
  });

  it("revokes dozens of sessions in batches when the account is deleted", async () => {
    const { id, token } = await registeredUser("many");
    const now = Date.now();
    const tokens = Array.from({ length: 30 }, newSessionToken);
    for (const extra of tokens) {
      const session = {
        accountId: id,
        tokenHash: await keyedHash(extra),
        expiresAtMs: now + 60_000,
      };
      await db.send(new TransactWriteCommand({ TransactItems: sessionPuts(session, now) }));
    }
    expect((await accounts.readMe(tokens[29])).status).toBe(200);
    expect((await accounts.deleteMe(token)).status).toBe(204);
    for (const revoked of [token, ...tokens]) {
      expect((await accounts.readMe(revoked)).status).toBe(401);
    }
    expect(await revokeSessions(id)).toBe(0);
  });
});
