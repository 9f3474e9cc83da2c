import { afterEach, describe, expect, it } from "vitest";
import { fetchRound } from "#raffles/beacon/beacon";
import { beaconKind } from "#raffles/beacon/configured-beacon";
import { localBeacon } from "#raffles/beacon/local-beacon";
import { firstRoundAtOrAfter, roundTimeMs } from "#raffles/core/beacon-schedule";
import { newSecretKey, publicKeyOf, verifyRoundSignature } from "#raffles/core/bls";
import { QUICKNET } from "#raffles/core/quicknet";
import { setBeaconClock } from "../../../support/beacon-clock";

let undo: (() => void) | undefined;
afterEach(() => undo?.());

describe("the local beacon", () => {
  const key = newSecretKey();
  const beacon = localBeacon(key);
  const round = 34_000_000;
  const time = roundTimeMs(QUICKNET, round);

  it("signs each round on quicknet's scheme and schedule, with its own key", async () => {
    undo = setBeaconClock(time);
    const signed = await beacon.round(round);
    expect(signed?.round).toBe(round);
    expect(verifyRoundSignature(round, signed?.signature as string, publicKeyOf(key))).toBe(true);
    expect(verifyRoundSignature(round, signed?.signature as string, QUICKNET.publicKey)).toBe(
      false,
    );
    expect(beacon.info).toMatchObject({
      network: "local",
      publicKey: publicKeyOf(key),
      scheme: QUICKNET.scheme,
      genesisTime: QUICKNET.genesisTime,
      periodSeconds: 3,
    });
    // BLS signatures are unique: asking again gives the very same round.
    expect(await beacon.round(round)).toEqual(signed);
  });

  it("refuses a round before its time, even by a millisecond", async () => {
    undo = setBeaconClock(time - 1);
    expect(await beacon.round(round)).toBeUndefined();
    expect(await fetchRound(beacon, round)).toEqual({ pending: true, outInMs: 1 });
    undo();
    undo = setBeaconClock(time - 7_500);
    expect(await fetchRound(beacon, round)).toEqual({ pending: true, outInMs: 7_500 });
  });
});

describe("the schedule", () => {
  it("takes the first round published at or after a time", () => {
    const at = roundTimeMs(QUICKNET, 1000);
    expect(firstRoundAtOrAfter(QUICKNET, at)).toBe(1000);
    expect(firstRoundAtOrAfter(QUICKNET, at + 1)).toBe(1001);
    expect(firstRoundAtOrAfter(QUICKNET, at - 1)).toBe(1000);
    expect(firstRoundAtOrAfter(QUICKNET, 0)).toBe(1);
  });
});

describe("BEACON", () => {
  it("is drand unless set, local when asked, and nothing else", () => {
    expect(beaconKind({})).toBe("drand");
    expect(beaconKind({ BEACON: "" })).toBe("drand");
    expect(beaconKind({ BEACON: "local" })).toBe("local");
    expect(() => beaconKind({ BEACON: "dice" })).toThrow(/BEACON must be one of drand, local/);
  });
});
