import { afterEach, describe, expect, it, vi } from "vitest";

afterEach(() => {
  vi.unstubAllEnvs();
  vi.resetModules();
});

// A deployed function reads BEACON once, at init: a value it could never draw with must fail
// the cold start (Lambda reports the init error), not the first draw or audit with a 500.
describe.each([
  ["raffles/draw-raffle.ts", () => import("../../../../functions/raffles/draw-raffle")],
  ["raffles/get-audit.ts", () => import("../../../../functions/raffles/get-audit")],
])("the %s function", (_, load) => {
  it("fails at init with an unknown BEACON", async () => {
    vi.resetModules();
    vi.stubEnv("BEACON", "dice");
    await expect(load()).rejects.toThrow(/BEACON must be one of drand, local; got dice/);
  });

  it("fails at init with BEACON=local and no BEACON_KEY", async () => {
    vi.resetModules();
    vi.stubEnv("BEACON", "local");
    vi.stubEnv("BEACON_KEY", "");
    await expect(load()).rejects.toThrow(/BEACON=local needs BEACON_KEY/);
  });

  it("loads with the deployed default (drand)", async () => {
    vi.resetModules();
    vi.stubEnv("BEACON", "");
    expect((await load()).handler).toBeTypeOf("function");
  });
});
