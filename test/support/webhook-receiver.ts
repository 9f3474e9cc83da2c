import { createHmac, timingSafeEqual } from "node:crypto";
import { createServer, type IncomingHttpHeaders } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * Verifies a Standard Webhooks signature, written from the specification (not from our code):
 * HMAC-SHA256 keyed by the base64-decoded part of `whsec_…` over `${id}.${timestamp}.${body}`,
 * base64; the header lists `v1,<signature>` entries separated by spaces.
 */
export function verifyStandardWebhook(
  secret: string,
  headers: IncomingHttpHeaders,
  body: string,
): boolean {
  const id = headers["webhook-id"];
  const timestamp = headers["webhook-timestamp"];
  const header = headers["webhook-signature"];
  if (typeof id !== "string" || typeof timestamp !== "string" || typeof header !== "string") {
    return false;
  }
  const key = Buffer.from(secret.replace(/^whsec_/, ""), "base64");
  const expected = createHmac("sha256", key).update(`${id}.${timestamp}.${body}`).digest();
  return header.split(" ").some((entry) => {
    const [version, signature] = entry.split(",");
    if (version !== "v1" || !signature) return false;
    const given = Buffer.from(signature, "base64");
    return given.length === expected.length && timingSafeEqual(given, expected);
  });
}

/** One POST the receiver got. */
export interface Received {
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  answered: number;
}

/**
 * A real HTTP receiver on 127.0.0.1: records every POST, answers 200 unless told otherwise per
 * path (`failFirst(path, n, status)`: the first n POSTs to that path are answered `status`).
 */
export async function startWebhookReceiver() {
  const received: Received[] = [];
  const failures = new Map<string, { left: number; status: number }>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (chunk: Buffer) => chunks.push(chunk));
    req.on("end", () => {
      const path = req.url ?? "/";
      const failure = failures.get(path);
      const answered = failure && failure.left > 0 ? failure.status : 200;
      if (failure && failure.left > 0) failure.left--;
      received.push({
        path,
        headers: req.headers,
        body: Buffer.concat(chunks).toString(),
        answered,
      });
      res.writeHead(answered, { "content-type": "text/plain" });
      res.end(answered === 200 ? "ok" : `failing on purpose ${"x".repeat(2000)}`);
    });
  });
  await new Promise<void>((ready) => server.listen(0, "127.0.0.1", ready));
  const { port } = server.address() as AddressInfo;
  return {
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    received,
    at: (path: string) => received.filter((r) => r.path === path),
    failFirst: (path: string, count: number, status = 500) =>
      failures.set(path, { left: count, status }),
    close: () => new Promise<void>((done) => server.close(() => done())),
  };
}
