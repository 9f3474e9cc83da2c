import { describe, expect, it } from "vitest";
import { newVerificationCode, normaliseVerificationCode } from "#raffles/core/verification-code";

describe("verification codes", () => {
  it("are four groups of four unambiguous symbols (80 bits)", () => {
    for (let i = 0; i < 200; i++) {
      const { code, canonical } = newVerificationCode();
      expect(canonical).toBe(code.replaceAll("-", ""));
      expect(code).toMatch(
        /^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$/,
      );
    }
  });

  it("do not repeat and use the whole alphabet", () => {
    const codes = Array.from({ length: 2000 }, () => newVerificationCode().code);
    expect(new Set(codes).size).toBe(codes.length);
    const symbols = new Set(codes.join("").replaceAll("-", ""));
    expect(symbols.size).toBe(32);
  });

  it("normalise what a person types: case, dashes, spaces, O for 0, I and L for 1", () => {
    const { code, canonical } = newVerificationCode();
    expect(normaliseVerificationCode(code)).toBe(canonical);
    expect(normaliseVerificationCode(code.toLowerCase())).toBe(canonical);
    expect(normaliseVerificationCode(` ${canonical.slice(0, 8)} ${canonical.slice(8)} `)).toBe(
      canonical,
    );
    expect(normaliseVerificationCode("O0IL-oil1-0000-1111")).toBe("0011011100001111");
  });

  it.each([
    "",
    "ABCD",
    "ABCD-EFGH-JKMN-PQRSX",
    "ABCD-EFGH-JKMN-PQR",
    "ABCD-EFGH-JKMN-PQR!",
    "UUUU-UUUU-UUUU-UUUU",
  ])("reject %j", (input) => {
    expect(normaliseVerificationCode(input)).toBeUndefined();
  });
});
