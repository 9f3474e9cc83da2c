import { nowIso } from "#platform/clock";
import { DomainError } from "#platform/errors";
import { countMetric } from "#platform/observability/invocation-metrics";
import { logger } from "#platform/observability/logger";
import { raffleMetrics } from "#raffles/api/metrics";
import { BeaconUnavailableError, fetchRound } from "#raffles/beacon/beacon";
import { configuredBeacon } from "#raffles/beacon/configured-beacon";
import { beaconDescription } from "#raffles/core/beacon-round";
import { beaconRoundFor, seedForWinners, winnersFromSeed } from "#raffles/core/draw-algorithm";
import { registerToDraw, seedToDraw } from "#raffles/core/draw-progress";
import { byTicketNumber, type Winner } from "#raffles/core/prizes";
import type { RecordedBeacon } from "#raffles/core/raffle-record";
import { markDrawn, readRaffleAndShards, recordDrawInputs } from "#raffles/store/raffle-store";
import { putWinners } from "#raffles/store/winner-store";

/**
 * Draws a sold-out raffle (core/draw-algorithm.ts). The beacon round follows from the time the
 * raffle sold out; before that round is out the answer is 409 `beacon_pending` with `Retry-After`.
 * The inputs (register digest, verified round, seed_for_winners) are recorded with ONE conditional
 * write (`open` → `drawing`): concurrent calls compute the same inputs and converge on one record,
 * and a call that finds a draw half-done finishes it from that record with the very same winners.
 */
export async function drawRaffle(id: string): Promise<Winner[]> {
  const { record: stored, shards } = await readRaffleAndShards(id);
  let record = stored;
  const register = registerToDraw(record, shards);
  if (register) {
    const beacon = await beaconRoundOf(register.soldOutAt);
    record = await recordDrawInputs(record, {
      register_digest: register.registerDigest,
      sold_out_at: register.soldOutAt,
      beacon,
      seed_for_winners: seedForWinners({
        raffleId: id,
        operatorSeed: record.operator_seed,
        registerDigest: register.registerDigest,
        beaconRandomness: beacon.randomness,
      }),
    });
  }
  const seed = seedToDraw(record);
  const winners = winnersFromSeed(seed, record.total_tickets, record.prizes);
  await putWinners(record, winners);
  if (await markDrawn(id, seed, nowIso())) countMetric(raffleMetrics.RafflesDrawn);
  return byTicketNumber(winners);
}

/** The verified beacon round for a raffle sold out at `soldOutAt`, or 409 `beacon_pending`. */
async function beaconRoundOf(soldOutAt: string): Promise<RecordedBeacon> {
  const beacon = configuredBeacon();
  const round = beaconRoundFor(beacon.info, soldOutAt);
  let fetched: Awaited<ReturnType<typeof fetchRound>>;
  try {
    fetched = await fetchRound(beacon, round);
  } catch (error) {
    if (!(error instanceof BeaconUnavailableError)) throw error;
    logger.warn("randomness beacon unavailable", { round, reason: error.reason });
    throw DomainError.busy(5);
  }
  if ("pending" in fetched) {
    throw new DomainError(
      "beacon_pending",
      `The draw waits for beacon round ${round}, which is not published yet`,
      { retryAfterSeconds: fetched.retryAfterSeconds },
    );
  }
  return { ...beaconDescription(beacon.info), ...fetched };
}
