import { afterEach, describe, expect, it } from "vitest";
import { BeaconUnavailableError } from "#raffles/beacon/beacon";
import { drandBeacon } from "#raffles/beacon/drand-beacon";
import { QUICKNET } from "#raffles/core/quicknet";
import { quicknetRounds } from "../../../fixtures/quicknet-rounds";
import { type RelayMode, startDrandRelay } from "../../../support/drand-relay";

const relays: Awaited<ReturnType<typeof startDrandRelay>>[] = [];
afterEach(async () => {
  await Promise.all(relays.splice(0).map((relay) => relay.close()));
});

async function start(...modes: RelayMode[]) {
  const started = await Promise.all(modes.map((mode) => startDrandRelay(mode)));
  relays.push(...started);
  return started;
}

const published = quicknetRounds[3];

describe("drand quicknet over HTTP", () => {
  it("takes a published round from a relay and verifies it with the pinned key", async () => {
    const [relay] = await start("serve");
    const beacon = drandBeacon({ relays: [relay?.url as string] });
    expect(beacon.info).toMatchObject({ network: "drand-quicknet", publicKey: QUICKNET.publicKey });
    expect(await beacon.round(published.round)).toEqual(published);
    expect(relay?.requests).toBe(1);
  });

  it("falls back past a failing, a hanging and a lying relay to one that serves the round", async () => {
    const [failing, hanging, lying, good] = await start("fail", "hang", "lie", "serve");
    const beacon = drandBeacon({
      relays: [failing, hanging, lying, good].map((relay) => relay?.url as string),
      requestTimeoutMs: 300,
    });
    expect(await beacon.round(published.round)).toEqual(published);
    for (const relay of [failing, hanging, lying, good]) expect(relay?.requests).toBe(1);
  });

  it("never hands out a round that fails verification: only liars is unavailable", async () => {
    const [liar, another] = await start("lie", "lie");
    const beacon = drandBeacon({ relays: [liar?.url as string, another?.url as string] });
    await expect(beacon.round(published.round)).rejects.toBeInstanceOf(BeaconUnavailableError);
  });

  it("retries a bounded number of times, then says the beacon is unavailable", async () => {
    const [a, b] = await start("fail", "fail");
    const beacon = drandBeacon({ relays: [a?.url as string, b?.url as string], passes: 3 });
    const error = await beacon.round(published.round).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BeaconUnavailableError);
    expect((error as BeaconUnavailableError).reason).toContain("HTTP 502");
    expect(a?.requests).toBe(3);
    expect(b?.requests).toBe(3);
  });

  it("stops at its deadline even when every relay hangs", async () => {
    const [a, b] = await start("hang", "hang");
    const beacon = drandBeacon({
      relays: [a?.url as string, b?.url as string],
      requestTimeoutMs: 200,
      deadlineMs: 500,
      passes: 10,
    });
    await expect(beacon.round(published.round)).rejects.toBeInstanceOf(BeaconUnavailableError);
    // Each request waits at most 200 ms and no request starts after 500 ms: a handful at most.
    expect((a?.requests ?? 0) + (b?.requests ?? 0)).toBeLessThanOrEqual(4);
  });

  it("reports a round that is not published yet as pending (undefined), not as a failure", async () => {
    const [early, failing] = await start("not_yet", "fail");
    const beacon = drandBeacon({ relays: [early?.url as string, failing?.url as string] });
    expect(await beacon.round(published.round)).toBeUndefined();
    expect(early?.requests).toBe(1);
  });

  it("refuses a relay's genuine round when it is not the round asked for", async () => {
    const [wrong, good] = await start("wrong_round", "serve");
    const beacon = drandBeacon({ relays: [wrong?.url as string, good?.url as string] });
    expect(await beacon.round(published.round)).toEqual(published);
    expect(wrong?.requests).toBe(1);
    const alone = drandBeacon({ relays: [wrong?.url as string], passes: 1 });
    await expect(alone.round(published.round)).rejects.toBeInstanceOf(BeaconUnavailableError);
  });

  it("a round the relays do not have yet (404) is pending", async () => {
    const [relay] = await start("serve");
    expect(await drandBeacon({ relays: [relay?.url as string] }).round(4)).toBeUndefined();
  });
});
