import { isIP } from "node:net";
import { addressValue } from "./cidr";

/** The caller's address as API Gateway saw the connection; IPv4-mapped IPv6 is shown as IPv4. */
export function normaliseSourceIp(sourceIp: string): string {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(sourceIp);
  return mapped?.[1] ?? sourceIp;
}

/**
 * Who a caller is for "once per person" rules: the IPv4 address, or the /64 prefix of an IPv6
 * address (one subscriber usually holds a whole /64, so a single address would be no limit).
 */
export function callerIdentity(sourceIp: string): string {
  const address = normaliseSourceIp(sourceIp);
  if (isIP(address) !== 6) return address;
  const prefix = addressValue(address) >> 64n;
  const groups = Array.from({ length: 4 }, (_, i) =>
    ((prefix >> BigInt(16 * (3 - i))) & 0xffffn).toString(16),
  );
  return `${groups.join(":")}::/64`;
}
