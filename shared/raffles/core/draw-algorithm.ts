// The verifiable draw, version 1: how the winners follow from inputs that are fixed before
// anyone can know the outcome. Pure: the draw, the audit and the verifier all compute with it.
import { createHash, randomBytes } from "node:crypto";
import { type BeaconSchedule, firstRoundAtOrAfter } from "./beacon-schedule";
import type { Prize } from "./prizes";
import { drawWinners } from "./seeded-sampler";

/** The name of this algorithm, recorded on every raffle it draws. */
export const DRAW_ALGORITHM = "tombola-draw-v1";

/**
 * The beacon round is the first one published at least this long after the last claim: long
 * enough for the clocks of the claiming function and of drand to disagree a little, short enough
 * that a draw waits seconds, not minutes.
 */
export const BEACON_DELAY_MS = 5000;

const SEED_BYTES = 32;

const sha256 = (...parts: Uint8Array[]) => {
  const hash = createHash("sha256");
  for (const part of parts) hash.update(part);
  return hash.digest("hex");
};

/** A fresh secret operator seed (hex), drawn at creation. */
export const newOperatorSeed = () => randomBytes(SEED_BYTES).toString("hex");

/** What is published at creation: SHA-256 of the seed's 32 bytes (hex). */
export const drawCommitment = (operatorSeed: string) => sha256(Buffer.from(operatorSeed, "hex"));

/** When the raffle sold out: the latest of the shards' last claims (ISO 8601). */
export function soldOutAt(lastClaims: readonly string[]): string {
  const latest = Math.max(...lastClaims.map((at) => Date.parse(at)));
  if (!Number.isFinite(latest)) throw new RangeError("A sold-out raffle has claim times");
  return new Date(latest).toISOString();
}

/** The beacon round a raffle that sold out at `soldOut` is drawn with. */
export const beaconRoundFor = (schedule: BeaconSchedule, soldOut: string) =>
  firstRoundAtOrAfter(schedule, Date.parse(soldOut) + BEACON_DELAY_MS);

/** Everything the winners follow from. */
export interface DrawInputs {
  raffleId: string;
  operatorSeed: string;
  registerDigest: string;
  beaconRandomness: string;
}

/**
 * `seed_for_winners` = SHA-256(operator seed ‖ register digest ‖ beacon randomness ‖ raffle id):
 * the three 32-byte values as bytes, then the id as UTF-8.
 */
export const seedForWinners = (inputs: DrawInputs) =>
  sha256(
    Buffer.from(inputs.operatorSeed, "hex"),
    Buffer.from(inputs.registerDigest, "hex"),
    Buffer.from(inputs.beaconRandomness, "hex"),
    Buffer.from(inputs.raffleId, "utf8"),
  );

/** The winners, in prize-unit order, from `seed_for_winners` (see drawWinners). */
export const winnersFromSeed = (seed: string, totalTickets: number, prizes: readonly Prize[]) =>
  drawWinners(Buffer.from(seed, "hex"), totalTickets, prizes);
