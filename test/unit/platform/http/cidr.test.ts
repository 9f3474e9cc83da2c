import { describe, expect, it } from "vitest";
import { addressValue, isInside, parseCidr, parseCidrList } from "#platform/http/cidr";
import { callerIdentity, normaliseSourceIp } from "#platform/http/client-ip";

describe("CIDR matching", () => {
  const blocks = parseCidrList("10.0.0.0/8, 192.168.1.7, 2001:db8::/32, ::1/128");

  it.each([
    ["10.0.0.1", true],
    ["10.255.255.255", true],
    ["11.0.0.0", false],
    ["192.168.1.7", true],
    ["192.168.1.8", false],
    ["2001:db8::1", true],
    ["2001:db8:ffff:ffff:ffff:ffff:ffff:ffff", true],
    ["2001:db9::", false],
    ["::1", true],
    ["::2", false],
    ["not-an-ip", false],
    ["", false],
  ])("%s inside the list: %s", (address, expected) => {
    expect(isInside(address, blocks)).toBe(expected);
  });

  it("matches IPv4-mapped IPv6 addresses against IPv4 blocks", () => {
    expect(isInside("::ffff:10.1.2.3", parseCidrList("10.0.0.0/8"))).toBe(true);
  });

  it("treats /0 as everything of its family", () => {
    expect(isInside("8.8.8.8", parseCidrList("0.0.0.0/0"))).toBe(true);
    expect(isInside("2001:db8::1", parseCidrList("0.0.0.0/0"))).toBe(false);
    expect(isInside("2001:db8::1", parseCidrList("::/0"))).toBe(true);
  });

  it("reads compressed and embedded-IPv4 IPv6 forms", () => {
    expect(addressValue("::")).toBe(0n);
    expect(addressValue("1::")).toBe(1n << 112n);
    expect(addressValue("::ffff:1.2.3.4")).toBe(addressValue("1.2.3.4"));
    expect(addressValue("2001:db8:0:0:0:0:0:1")).toBe(addressValue("2001:db8::1"));
  });

  it.each([
    "10.0.0.0/33",
    "2001:db8::/129",
    "10.0.0/8",
    "10.0.0.0/8/1",
    "banana",
    "10.0.0.0/-1",
    "::/x",
  ])("refuses %s loudly", (text) => {
    expect(() => parseCidr(text)).toThrow(/Invalid CIDR/);
  });

  it("allows nobody for an empty or missing list", () => {
    expect(parseCidrList(undefined)).toEqual([]);
    expect(parseCidrList(" , ")).toEqual([]);
  });
});

describe("caller identity", () => {
  it("keeps IPv4 addresses and unwraps IPv4-mapped ones", () => {
    expect(callerIdentity("203.0.113.9")).toBe("203.0.113.9");
    expect(normaliseSourceIp("::ffff:203.0.113.9")).toBe("203.0.113.9");
  });

  it("groups IPv6 addresses by their /64", () => {
    expect(callerIdentity("2001:db8:1:2:aaaa::1")).toBe("2001:db8:1:2::/64");
    expect(callerIdentity("2001:db8:1:2:ffff:1:2:3")).toBe(callerIdentity("2001:db8:1:2::9"));
    expect(callerIdentity("2001:db8:1:3::1")).not.toBe(callerIdentity("2001:db8:1:2::1"));
  });
});
