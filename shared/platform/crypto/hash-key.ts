import { createHmac, timingSafeEqual } from "node:crypto";

let hashKey: Promise<Buffer> | undefined;

/**
 * The server's secret for keyed hashes, loaded once per process: `HASH_KEY` (hex, local runtime
 * and tests) or the Secrets Manager secret named by `HASH_KEY_SECRET_ARN` (deployed stack).
 */
export function loadHashKey(): Promise<Buffer> {
  hashKey ??= readHashKey().catch((error) => {
    hashKey = undefined;
    throw error;
  });
  return hashKey;
}

async function readHashKey(): Promise<Buffer> {
  const hex = process.env.HASH_KEY;
  if (hex) return Buffer.from(hex, "hex");
  const secretId = process.env.HASH_KEY_SECRET_ARN;
  if (!secretId) throw new Error("Neither HASH_KEY nor HASH_KEY_SECRET_ARN is set");
  const { SecretsManagerClient, GetSecretValueCommand } = await import(
    "@aws-sdk/client-secrets-manager"
  );
  const secret = await new SecretsManagerClient({}).send(
    new GetSecretValueCommand({ SecretId: secretId }),
  );
  if (!secret.SecretString) throw new Error("The hash key secret is empty");
  return Buffer.from(secret.SecretString, "utf8");
}

/** HMAC-SHA-256 of a high-entropy secret (token, verification code), hex-encoded. */
export async function keyedHash(value: string): Promise<string> {
  return createHmac("sha256", await loadHashKey())
    .update(value, "utf8")
    .digest("hex");
}

/** Compares two hex digests in constant time. */
export function digestsEqual(a: string, b: string): boolean {
  const left = Buffer.from(a, "hex");
  const right = Buffer.from(b, "hex");
  return left.length === right.length && timingSafeEqual(left, right);
}
