import { createHmac, randomBytes } from "node:crypto";

/** The prefix of a signing secret, as Standard Webhooks writes them. */
export const SECRET_PREFIX = "whsec_";

/** A new signing secret: `whsec_` and the base64 of 32 random bytes. */
export const newWebhookSecret = () => `${SECRET_PREFIX}${randomBytes(32).toString("base64")}`;

/** The key a secret signs with: the bytes of the base64 after `whsec_`. */
export const secretKey = (secret: string) =>
  Buffer.from(
    secret.startsWith(SECRET_PREFIX) ? secret.slice(SECRET_PREFIX.length) : secret,
    "base64",
  );

/**
 * One signature, `v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">` (Standard Webhooks):
 * `timestamp` in Unix seconds, `body` the exact bytes sent.
 */
export function signature(secret: string, id: string, timestamp: number, body: string): string {
  const mac = createHmac("sha256", secretKey(secret))
    .update(`${id}.${timestamp}.${body}`)
    .digest("base64");
  return `v1,${mac}`;
}

/**
 * The `webhook-signature` header: one signature per live secret, space-separated (two while a
 * rotation's old secret still signs), so receivers holding either secret verify it.
 */
export const signatureHeader = (
  secrets: readonly string[],
  id: string,
  timestamp: number,
  body: string,
) => secrets.map((secret) => signature(secret, id, timestamp, body)).join(" ");

/** The three headers of a delivery of event `id` at `nowMs`. */
export function deliveryHeaders(
  secrets: readonly string[],
  id: string,
  nowMs: number,
  body: string,
): Record<string, string> {
  const timestamp = Math.floor(nowMs / 1000);
  return {
    "content-type": "application/json",
    "webhook-id": id,
    "webhook-timestamp": String(timestamp),
    "webhook-signature": signatureHeader(secrets, id, timestamp, body),
  };
}
