import { isIP } from "node:net";

/** A parsed CIDR block: the address as a 128-bit number (IPv4 mapped into IPv6) and a prefix. */
export interface CidrBlock {
  network: bigint;
  mask: bigint;
}

const IPV4_MAPPED_PREFIX = 0xffffn << 32n;
const ALL_ONES = (1n << 128n) - 1n;

/** The 128-bit value of an IPv4 or IPv6 address; IPv4 (and IPv4-mapped IPv6) share one space. */
export function addressValue(address: string): bigint {
  const version = isIP(address);
  if (version === 4) return IPV4_MAPPED_PREFIX | ipv4Value(address);
  if (version !== 6) throw new Error(`Not an IP address: ${address}`);
  const [head = "", tail] = address.split("::");
  const groups = (part: string) => (part === "" ? [] : part.split(":"));
  let left = groups(head);
  let right = tail === undefined ? [] : groups(tail);
  const hexOf = (parts: string[]) =>
    parts.flatMap((part) => {
      if (!part.includes(".")) return [part];
      const v4 = ipv4Value(part);
      return [(v4 >> 16n).toString(16), (v4 & 0xffffn).toString(16)];
    });
  left = hexOf(left);
  right = hexOf(right);
  const missing = 8 - left.length - right.length;
  const all = [...left, ...Array<string>(tail === undefined ? 0 : missing).fill("0"), ...right];
  return all.reduce((value, part) => (value << 16n) | BigInt(`0x${part}`), 0n);
}

function ipv4Value(address: string): bigint {
  return address.split(".").reduce((value, octet) => (value << 8n) | BigInt(Number(octet)), 0n);
}

/** Parses `10.0.0.0/8` or `2001:db8::/32`; a bare address is a single host. Throws on anything else. */
export function parseCidr(text: string): CidrBlock {
  const [address = "", prefixText, ...rest] = text.trim().split("/");
  const version = isIP(address);
  if (version === 0 || rest.length > 0) throw new Error(`Invalid CIDR: "${text}"`);
  const maxPrefix = version === 4 ? 32 : 128;
  if (prefixText !== undefined && !/^\d{1,3}$/.test(prefixText)) {
    throw new Error(`Invalid CIDR prefix: "${text}"`);
  }
  const prefix = prefixText === undefined ? maxPrefix : Number(prefixText);
  if (prefix > maxPrefix) throw new Error(`Invalid CIDR prefix: "${text}"`);
  const bits = prefix + (128 - maxPrefix);
  const mask = bits === 0 ? 0n : (ALL_ONES << BigInt(128 - bits)) & ALL_ONES;
  return { network: addressValue(address) & mask, mask };
}

/** Parses a comma-separated CIDR list; an empty list allows nobody. */
export function parseCidrList(text: string | undefined): CidrBlock[] {
  return (text ?? "")
    .split(",")
    .map((part) => part.trim())
    .filter((part) => part !== "")
    .map(parseCidr);
}

/** Whether the address lies inside any of the blocks. */
export function isInside(address: string, blocks: readonly CidrBlock[]): boolean {
  if (isIP(address) === 0) return false;
  const value = addressValue(address);
  return blocks.some((block) => (value & block.mask) === block.network);
}
