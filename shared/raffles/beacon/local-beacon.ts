import { type BeaconInfo, verifiedRound } from "#raffles/core/beacon-round";
import { roundTimeMs } from "#raffles/core/beacon-schedule";
import { publicKeyOf, signRound } from "#raffles/core/bls";
import { QUICKNET } from "#raffles/core/quicknet";
import { type Beacon, beaconClock } from "./beacon";

/**
 * A beacon of this installation: its own BLS12-381 key signs each round on quicknet's scheme and
 * schedule, and only once the round's time has come. It proves nothing to outsiders (the operator
 * holds the key) but lets the whole flow, verification included, run offline.
 */
export function localBeacon(secretKey: string): Beacon {
  const info: BeaconInfo = {
    network: "local",
    chainHash: null,
    publicKey: publicKeyOf(secretKey),
    scheme: QUICKNET.scheme,
    genesisTime: QUICKNET.genesisTime,
    periodSeconds: QUICKNET.periodSeconds,
  };
  return {
    info,
    async round(round) {
      if (beaconClock.now() < roundTimeMs(info, round)) return undefined;
      const signed = verifiedRound(round, signRound(round, secretKey), info.publicKey);
      if (!signed) throw new Error("The local beacon's own signature does not verify");
      return signed;
    },
  };
}
