import { describe, expect, it } from "vitest";
import { bearerToken } from "#accounts/authenticate";
import { isWellFormedToken, newAccountId, newSessionToken } from "#accounts/core/tokens";
import { keyedHash } from "#platform/crypto/hash-key";

describe("session tokens", () => {
  it("are 256 random bits, base64url", () => {
    const tokens = new Set(Array.from({ length: 100 }, newSessionToken));
    expect(tokens.size).toBe(100);
    for (const token of tokens) {
      expect(Buffer.from(token, "base64url")).toHaveLength(32);
      expect(isWellFormedToken(token)).toBe(true);
    }
  });

  it("are stored as a keyed hash, never as themselves", async () => {
    const token = newSessionToken();
    const hash = await keyedHash(token);
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
    expect(hash).not.toContain(token);
    expect(await keyedHash(token)).toBe(hash);
  });

  it("reject anything that is not 43 base64url characters", () => {
    for (const token of [
      "",
      "short",
      `${"A".repeat(42)}=`,
      `${"A".repeat(44)}`,
      `${"A".repeat(42)}+`,
    ]) {
      expect(isWellFormedToken(token)).toBe(false);
    }
  });

  it("make account ids with 128 random bits", () => {
    expect(newAccountId()).toMatch(/^a_[\w-]{22}$/);
  });
});

describe("bearerToken", () => {
  it.each([
    [{ authorization: "Bearer abc" }, "abc"],
    [{ authorization: "bearer abc" }, "abc"],
    [{ authorization: "BEARER   abc  " }, "abc"],
    [{ authorization: "Basic abc" }, undefined],
    [{ authorization: "Bearer" }, undefined],
    [{ authorization: "Bearer a b" }, undefined],
    [{ authorization: "Bearerabc" }, undefined],
    [{}, undefined],
  ])("reads %j as %s", (headers, expected) => {
    expect(bearerToken(headers)).toBe(expected);
  });
});
