import { lookup } from "node:dns/promises";
import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import type { LookupFunction } from "node:net";
import { isIP } from "node:net";
import { keptResponse } from "#webhooks/core/delivery";
import { hostOf, refuseAddresses, refuseUrl } from "#webhooks/core/url-policy";

/** What one POST to an endpoint came to: the receiver's status and first 1 KiB, or an error. */
export interface SendResult {
  status: number | null;
  body: string | null;
  error: string | null;
}

/** Resolves a host name to every address it has (DNS, or the hosts file). */
export type Resolver = (host: string) => Promise<string[]>;

export const systemResolver: Resolver = async (host) =>
  (await lookup(host, { all: true, verbatim: true })).map((a) => a.address);

/** Whether private targets are allowed: `WEBHOOK_ALLOW_PRIVATE=true`, which only `npm start` sets. */
export const privateTargetsAllowed = () => process.env.WEBHOOK_ALLOW_PRIVATE === "true";

/** How long a receiver has to answer, connection included. */
export const SEND_TIMEOUT_MS = 10_000;

/**
 * Why `url` may not receive webhooks now (its form, then every address its host resolves to);
 * undefined when it may, with the address to connect to.
 */
export async function checkTarget(
  url: string,
  allowPrivate: boolean,
  resolve: Resolver = systemResolver,
): Promise<{ refusal: string } | { address: string; family: number }> {
  const refusal = refuseUrl(url, allowPrivate);
  if (refusal) return { refusal };
  const host = hostOf(new URL(url));
  let addresses: string[];
  try {
    addresses = isIP(host) ? [host] : await resolve(host);
  } catch {
    addresses = [];
  }
  const refused = refuseAddresses(addresses, allowPrivate);
  if (refused) return { refusal: refused };
  const address = addresses[0] as string;
  return { address, family: isIP(address) };
}

/**
 * POSTs a delivery, safely: the URL is checked again and its host resolved and checked now (a
 * host that resolved to a public address at creation may not any more: DNS rebinding), the
 * connection goes to exactly the address checked (no second lookup), redirects are not
 * followed (a 3xx is a failure), and the whole exchange has 10 s. Never throws.
 */
export async function postWebhook(
  url: string,
  headers: Record<string, string>,
  body: string,
  {
    allowPrivate = privateTargetsAllowed(),
    timeoutMs = SEND_TIMEOUT_MS,
    resolve = systemResolver,
  }: { allowPrivate?: boolean; timeoutMs?: number; resolve?: Resolver } = {},
): Promise<SendResult> {
  const target = await checkTarget(url, allowPrivate, resolve);
  if ("refusal" in target) {
    return { status: null, body: null, error: `url_not_allowed: ${target.refusal}` };
  }
  const pinned: LookupFunction = (_host, options, callback) => {
    if (options.all) callback(null, [{ address: target.address, family: target.family }]);
    else callback(null, target.address, target.family);
  };
  const parsed = new URL(url);
  const send = parsed.protocol === "https:" ? httpsRequest : httpRequest;
  return new Promise<SendResult>((settle) => {
    let settled = false;
    const finish = (result: SendResult) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      settle(result);
    };
    const req = send(
      parsed,
      {
        method: "POST",
        headers: {
          ...headers,
          "content-length": String(Buffer.byteLength(body)),
          "user-agent": "Tombola-Webhooks/1",
        },
        lookup: pinned,
        agent: false,
      },
      (res) => {
        const chunks: Buffer[] = [];
        let kept = 0;
        res.on("data", (chunk: Buffer) => {
          if (kept < 1024) {
            chunks.push(chunk);
            kept += chunk.length;
          }
        });
        res.on("end", () =>
          finish({
            status: res.statusCode ?? null,
            body: keptResponse(Buffer.concat(chunks)),
            error: null,
          }),
        );
        res.on("error", (error) =>
          finish({
            status: res.statusCode ?? null,
            body: keptResponse(Buffer.concat(chunks)),
            error: error.message,
          }),
        );
      },
    );
    const timer = setTimeout(() => {
      req.destroy(new Error(`no answer within ${timeoutMs / 1000} s`));
    }, timeoutMs);
    req.on("error", (error) => finish({ status: null, body: null, error: describe(error) }));
    req.end(body);
  });
}

const describe = (error: Error & { code?: string }) =>
  (error.code ? `${error.code}: ${error.message}` : error.message).slice(0, 300);
