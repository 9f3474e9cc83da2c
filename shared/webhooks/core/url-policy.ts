import { BlockList, isIP } from "node:net";

/** Why a URL may not receive webhooks; undefined when it may. */
export type UrlRefusal = string | undefined;

/** The longest endpoint URL accepted. */
export const MAX_URL_LENGTH = 2048;

// Loopback, private, shared (CGNAT), link-local (cloud metadata at 169.254.169.254 and
// fd00:ec2::254), multicast, reserved and unspecified ranges: none of them is on the internet.
const forbidden = new BlockList();
for (const [network, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.0.2.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["198.51.100.0", 24],
  ["203.0.113.0", 24],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const) {
  forbidden.addSubnet(network, prefix, "ipv4");
}
for (const [network, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["2001:db8::", 32],
  ["100::", 64],
] as const) {
  forbidden.addSubnet(network, prefix, "ipv6");
}

/** The IPv4 address an IPv6 address carries (mapped `::ffff:a.b.c.d`, NAT64 `64:ff9b::/96`). */
function embeddedIpv4(address: string): string | undefined {
  const lower = address.toLowerCase();
  const dotted = /^(?:::ffff:|64:ff9b::)(\d+\.\d+\.\d+\.\d+)$/.exec(lower);
  if (dotted) return dotted[1];
  const hex = /^(?:::ffff:|64:ff9b::)([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(lower);
  if (!hex) return undefined;
  const high = Number.parseInt(hex[1] as string, 16);
  const low = Number.parseInt(hex[2] as string, 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join(".");
}

/**
 * Whether an IP address is one a webhook must never reach: loopback, private, link-local
 * (which holds cloud metadata services), shared, multicast, documentation or reserved.
 */
export function isForbiddenAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return forbidden.check(address, "ipv4");
  if (family !== 6) return true;
  const v4 = embeddedIpv4(address);
  if (v4) return forbidden.check(v4, "ipv4");
  return forbidden.check(address, "ipv6");
}

/** Host names that name this machine or a metadata service whatever DNS says. */
const FORBIDDEN_NAMES =
  /(^|\.)(localhost|localdomain|internal|local)$|^metadata(\.google\.internal)?$/i;

/**
 * Whether a URL may be an endpoint, before any DNS: `https` (also `http` where private targets
 * are allowed: local receivers), no credentials, no fragment, a host that is not a forbidden
 * address or name. `allowPrivate` is `WEBHOOK_ALLOW_PRIVATE=true` (npm start only).
 */
export function refuseUrl(text: string, allowPrivate: boolean): UrlRefusal {
  if (text.length > MAX_URL_LENGTH) return `a URL is at most ${MAX_URL_LENGTH} characters`;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return "not a URL";
  }
  if (url.protocol !== "https:" && !(allowPrivate && url.protocol === "http:")) {
    return "only https URLs receive webhooks";
  }
  if (url.username || url.password) return "a URL with credentials is not accepted";
  if (url.hash) return "a URL with a fragment is not accepted";
  if (allowPrivate) return undefined;
  const host = hostOf(url);
  if (isIP(host)) return isForbiddenAddress(host) ? "a private or reserved address" : undefined;
  if (FORBIDDEN_NAMES.test(host.replace(/\.$/, ""))) return "a local or metadata host name";
  return undefined;
}

/** A URL's host as DNS and `isIP` take it: IPv6 literals without their brackets. */
export const hostOf = (url: URL) => url.hostname.replace(/^\[(.*)\]$/, "$1");

/** Why the resolved addresses of a host may not be reached; undefined when all may. */
export function refuseAddresses(addresses: readonly string[], allowPrivate: boolean): UrlRefusal {
  if (addresses.length === 0) return "the host does not resolve";
  if (allowPrivate) return undefined;
  return addresses.some(isForbiddenAddress)
    ? "the host resolves to a private, loopback, link-local or metadata address"
    : undefined;
}
