import { DRAND_RELAYS } from "#raffles/core/quicknet";
import type { Beacon } from "./beacon";
import { drandBeacon } from "./drand-beacon";
import { localBeacon } from "./local-beacon";

/** The beacons a deployment may use: `BEACON=drand` (the default) or `BEACON=local`. */
const BEACON_KINDS = ["drand", "local"] as const;
type BeaconKind = (typeof BEACON_KINDS)[number];

/** `BEACON` from the environment; drand unless said otherwise, and nothing else is accepted. */
export function beaconKind(env: Record<string, string | undefined> = process.env): BeaconKind {
  const kind = env.BEACON || "drand";
  if (!(BEACON_KINDS as readonly string[]).includes(kind)) {
    throw new Error(`BEACON must be one of ${BEACON_KINDS.join(", ")}; got ${kind}`);
  }
  return kind as BeaconKind;
}

/**
 * Refuses a beacon configuration that could never draw (an unknown `BEACON`, or the local beacon
 * without `BEACON_KEY`). The functions that use the beacon call it at init, so a deployed
 * function with a bad configuration fails its cold start instead of its first draw or audit.
 */
export function checkBeaconConfiguration(env: Record<string, string | undefined> = process.env) {
  if (beaconKind(env) === "local" && !env.BEACON_KEY) {
    throw new Error("BEACON=local needs BEACON_KEY (the local beacon's secret key, hex)");
  }
}

let configured: Beacon | undefined;

/**
 * The process's beacon, chosen once by `BEACON`: drand's relays (`DRAND_RELAYS`, comma-separated,
 * replaces the built-in list, e.g. to point at a stand-in), or the local key `BEACON_KEY` (hex).
 */
export function configuredBeacon(): Beacon {
  if (configured) return configured;
  checkBeaconConfiguration();
  if (beaconKind() === "local") {
    configured = localBeacon(process.env.BEACON_KEY as string);
  } else {
    const relays = process.env.DRAND_RELAYS?.split(",").map((relay) => relay.trim());
    configured = drandBeacon({ relays: relays?.filter(Boolean) ?? DRAND_RELAYS });
  }
  return configured;
}
