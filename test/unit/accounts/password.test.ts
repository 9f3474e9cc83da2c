import { describe, expect, it } from "vitest";
import { DUMMY_HASH, hashPassword, verifyPassword } from "#accounts/password";

describe("password hashing", () => {
  it("uses argon2id with OWASP parameters and a fresh salt each time", async () => {
    const [first, second] = await Promise.all([
      hashPassword("pässword 1"),
      hashPassword("pässword 1"),
    ]);
    expect(first).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
    expect(first).not.toBe(second);
  });

  it("verifies the right password, composed or decomposed alike, and refuses a wrong one", async () => {
    const hash = await hashPassword("caf\u00e9 au lait");
    expect(await verifyPassword(hash, "caf\u00e9 au lait")).toBe(true);
    expect(await verifyPassword(hash, "cafe\u0301 au lait")).toBe(true);
    expect(await verifyPassword(hash, "cafe au lait")).toBe(false);
  });

  it("refuses every password when there is no hash (unknown email)", async () => {
    expect(await verifyPassword(undefined, "no account has this password")).toBe(false);
    expect(await verifyPassword(undefined, "anything at all")).toBe(false);
  });

  it("keeps a dummy hash made with the very parameters hashPassword uses", async () => {
    // Algorithm, version and m/t/p: everything before the salt.
    const parameters = (hash: string) => hash.split("$").slice(0, 4).join("$");
    expect(parameters(DUMMY_HASH)).toBe(parameters(await hashPassword("anything")));
    expect(await verifyPassword(DUMMY_HASH, "no account has this password")).toBe(true);
  });
});
