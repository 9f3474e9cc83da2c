import { logger } from "#platform/observability/logger";
import { type BeaconInfo, type VerifiedRound, verifiedRound } from "#raffles/core/beacon-round";
import { QUICKNET } from "#raffles/core/quicknet";
import { type Beacon, BeaconUnavailableError } from "./beacon";

export interface DrandOptions {
  /** Relay base URLs, tried in order; the next one is asked when one fails. */
  relays: readonly string[];
  /** How long one request may take. */
  requestTimeoutMs?: number;
  /** How long all attempts together may take: the draw must still finish in its function's timeout. */
  deadlineMs?: number;
  /** How many times the whole relay list is tried. */
  passes?: number;
}

const info: BeaconInfo = {
  network: QUICKNET.network,
  chainHash: QUICKNET.chainHash,
  publicKey: QUICKNET.publicKey,
  scheme: QUICKNET.scheme,
  genesisTime: QUICKNET.genesisTime,
  periodSeconds: QUICKNET.periodSeconds,
};

type RelayAnswer = VerifiedRound | "not_yet" | "failed";

/**
 * drand quicknet over HTTPS. A round is taken from the first relay whose answer verifies
 * against the pinned public key; a relay that times out, fails or answers a round that does not
 * verify is passed over for the next. "Not published yet" (404, 425) is not a failure: the draw
 * asks again later.
 */
export function drandBeacon({
  relays,
  requestTimeoutMs = 1500,
  deadlineMs = 6000,
  passes = 2,
}: DrandOptions): Beacon {
  if (relays.length === 0) throw new Error("drand needs at least one relay");
  return {
    info,
    async round(round) {
      const deadline = Date.now() + deadlineMs;
      let notYet = false;
      const failures: string[] = [];
      for (let pass = 0; pass < passes && Date.now() < deadline; pass++) {
        if (pass > 0) await new Promise((resolve) => setTimeout(resolve, 200 * pass));
        for (const relay of relays) {
          const left = deadline - Date.now();
          if (left <= 0) break;
          const answer = await askRelay(relay, round, Math.min(requestTimeoutMs, left), failures);
          if (answer === "not_yet") notYet = true;
          else if (answer !== "failed") return answer;
        }
        if (notYet) return undefined;
      }
      throw new BeaconUnavailableError(failures.join("; ") || "no relay answered in time");
    },
  };
}

async function askRelay(
  relay: string,
  round: number,
  timeoutMs: number,
  failures: string[],
): Promise<RelayAnswer> {
  const url = `${relay.replace(/\/+$/, "")}/${QUICKNET.chainHash}/public/${round}`;
  try {
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { accept: "application/json" },
    });
    if (response.status === 404 || response.status === 425) {
      await response.body?.cancel();
      return "not_yet";
    }
    if (!response.ok) {
      await response.body?.cancel();
      failures.push(`${relay}: HTTP ${response.status}`);
      return "failed";
    }
    const body = (await response.json()) as { round?: unknown; signature?: unknown };
    const verified =
      body.round === round && typeof body.signature === "string"
        ? verifiedRound(round, body.signature, QUICKNET.publicKey)
        : undefined;
    if (!verified) {
      logger.warn("drand relay answered a round that does not verify", { relay, round });
      failures.push(`${relay}: round ${round} failed verification`);
      return "failed";
    }
    return verified;
  } catch (error) {
    failures.push(`${relay}: ${(error as Error).name}`);
    return "failed";
  }
}
