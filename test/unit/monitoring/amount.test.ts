import { describe, expect, it } from "vitest";
import { formatCents, MAX_AMOUNT_CENTS, parseAmount } from "#monitoring/core/amount";

describe("amounts", () => {
  it.each([
    ["42.00", 4200],
    ["42", 4200],
    ["42.1", 4210],
    ["0.01", 1],
    ["007.50", 750],
    ["1000000000000", MAX_AMOUNT_CENTS],
    ["1000000000000.00", MAX_AMOUNT_CENTS],
    [42, 4200],
    [42.1, 4210],
    [0.29, 29],
    [1.005e2, 10050],
    [0.07, 7],
    [1e12, MAX_AMOUNT_CENTS],
    [999999999999.99, MAX_AMOUNT_CENTS - 1],
  ])("reads %j as %i cents exactly", (value, cents) => {
    expect(parseAmount(value)).toEqual({ ok: true, cents });
  });

  it.each([
    "0",
    "0.00",
    "-1",
    "+1",
    "42.001",
    "1000000000000.01",
    "1e3",
    "NaN",
    "Infinity",
    "",
    " 42",
    "42 ",
    "4 2",
    ".5",
    "5.",
    "0x10",
    "1,5",
    "١٢",
    "9".repeat(40),
  ])("refuses the string %j", (value) => {
    expect(parseAmount(value).ok).toBe(false);
  });

  it.each([
    0,
    -0.01,
    -5,
    42.001,
    0.001,
    1e-7,
    1e21,
    1e12 + 0.01,
    Number.NaN,
    Number.POSITIVE_INFINITY,
    Number.NEGATIVE_INFINITY,
    Number.MAX_VALUE,
  ])("refuses the number %d", (value) => {
    expect(parseAmount(value).ok).toBe(false);
  });

  it("formats cents back to two decimals", () => {
    expect(formatCents(4210)).toBe("42.10");
    expect(formatCents(1)).toBe("0.01");
    expect(formatCents(MAX_AMOUNT_CENTS)).toBe("1000000000000.00");
  });
});
