import { describe, expect, it } from "vitest";
import { isWindowOpen, LOG_IN_LIMIT, lockedForMs } from "#accounts/core/login-window";

const start = 1_000_000;
const { attempts: limit, windowMs } = LOG_IN_LIMIT;

describe("the log-in attempt window", () => {
  it("allows ten attempts per fifteen minutes", () => {
    expect(LOG_IN_LIMIT).toEqual({ attempts: 10, windowMs: 900_000 });
  });

  it("is open from its first attempt until fifteen minutes later", () => {
    expect(isWindowOpen(undefined, start)).toBe(false);
    expect(isWindowOpen({ startedAtMs: start, attempts: 1 }, start)).toBe(true);
    expect(isWindowOpen({ startedAtMs: start, attempts: 1 }, start + windowMs - 1)).toBe(true);
    expect(isWindowOpen({ startedAtMs: start, attempts: 1 }, start + windowMs)).toBe(false);
  });

  it("locks only a full window, for the rest of that window", () => {
    expect(lockedForMs(undefined, start)).toBe(0);
    expect(lockedForMs({ startedAtMs: start, attempts: limit - 1 }, start + 10)).toBe(0);
    expect(lockedForMs({ startedAtMs: start, attempts: limit }, start + 10)).toBe(windowMs - 10);
    expect(lockedForMs({ startedAtMs: start, attempts: limit }, start + windowMs)).toBe(0);
  });
});
