// Secrets never leak: for every test file of the run, every secret is recorded where it is made
// (the modules below are wrapped, the table is scanned at the end) and every log line the
// process writes and every response a client receives is captured; after the file, none may
// hold a secret, except the one response that hands it out (see secrets.ts).
import { afterAll, expect, vi } from "vitest";
import { routes } from "#app/routes";
import { argon2Verifications } from "./argon2-calls";
import { recordOutput, recordPublished, recordSecret, resetSecrets, secretLeaks } from "./secrets";

// The request examples are in the OpenAPI document, for everyone to read.
for (const route of routes) recordPublished(route.requestExample);

vi.mock(import("@node-rs/argon2"), async (importOriginal) => {
  const argon2 = await importOriginal();
  return {
    ...argon2,
    hash: async (...args: Parameters<typeof argon2.hash>) => {
      recordSecret("password", String(args[0]));
      const hashed = await argon2.hash(...args);
      recordSecret("password hash", hashed);
      return hashed;
    },
    verify: async (...args: Parameters<typeof argon2.verify>) => {
      recordSecret("password", String(args[1]));
      argon2Verifications.push(String(args[0]));
      return argon2.verify(...args);
    },
  };
});

vi.mock(import("#accounts/core/tokens"), async (importOriginal) => {
  const tokens = await importOriginal();
  return {
    ...tokens,
    newSessionToken: () => {
      const token = tokens.newSessionToken();
      recordSecret("bearer token", token);
      return token;
    },
  };
});

vi.mock(import("#raffles/core/verification-code"), async (importOriginal) => {
  const codes = await importOriginal();
  return {
    ...codes,
    newVerificationCode: () => {
      const made = codes.newVerificationCode();
      recordSecret("verification code", made.code);
      recordSecret("verification code", made.canonical);
      return made;
    },
  };
});

vi.mock(import("#webhooks/core/signature"), async (importOriginal) => {
  const signature = await importOriginal();
  return {
    ...signature,
    newWebhookSecret: () => {
      const secret = signature.newWebhookSecret();
      recordSecret("webhook secret", secret);
      return secret;
    },
  };
});

vi.mock(import("#platform/crypto/hash-key"), async (importOriginal) => {
  const hashKey = await importOriginal();
  return {
    ...hashKey,
    keyedHash: async (value: string) => {
      const digest = await hashKey.keyedHash(value);
      recordSecret("keyed hash", digest);
      return digest;
    },
  };
});

vi.mock(import("#raffles/core/draw-algorithm"), async (importOriginal) => {
  const draw = await importOriginal();
  return {
    ...draw,
    newOperatorSeed: () => {
      const seed = draw.newOperatorSeed();
      recordSecret("operator seed", seed);
      return seed;
    },
  };
});

// The logger writes JSON lines to the process's stdout/stderr: captured, and kept out of the
// test output. Anything else is passed through.
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
  stream.write = ((chunk: unknown, ...rest: unknown[]) => {
    const text = typeof chunk === "string" ? chunk : Buffer.from(chunk as Uint8Array).toString();
    recordOutput("log", text, "this process's output");
    if (text.startsWith('{"level":')) {
      const done = rest.find((arg) => typeof arg === "function") as (() => void) | undefined;
      done?.();
      return true;
    }
    return write(chunk, ...rest);
  }) as typeof stream.write;
}

/** The secrets the table holds: hashes, keys and seeds, whatever made them. */
async function secretsInTable() {
  if (!process.env.DYNAMODB_ENDPOINT || !process.env.TABLE_NAME?.startsWith("test-")) return;
  // A fresh client on the file's table: a test may have re-imported the client against another
  // endpoint (vi.resetModules with a stubbed DYNAMODB_ENDPOINT).
  vi.resetModules();
  const { scanTable } = await import("./table-scan");
  for (const item of await scanTable()) {
    recordSecret("password hash", item.password_hash as string);
    recordSecret("keyed hash", item.code_hash as string);
    recordSecret("permutation key", item.permutation_key as string);
    recordSecret("operator seed", item.operator_seed as string);
    for (const value of [item.pk, item.sk]) {
      const match = /^(?:SESSION|RAFFLE#.+#PLAYER)#([0-9a-f]{64})$/.exec(String(value));
      recordSecret("keyed hash", match?.[1]);
    }
  }
}

afterAll(async () => {
  recordSecret("HMAC key", process.env.HASH_KEY);
  recordSecret("beacon key", process.env.BEACON_KEY);
  await secretsInTable();
  const leaks = secretLeaks();
  resetSecrets();
  expect(leaks, "secrets in log lines or responses").toEqual([]);
}, 120_000);
