import { nowIso } from "#platform/clock";
import { DomainError } from "#platform/errors";
import { countMetric } from "#platform/observability/invocation-metrics";
import { logger } from "#platform/observability/logger";
import { raffleMetrics } from "#raffles/api/metrics";
import { BeaconUnavailableError, fetchRound } from "#raffles/beacon/beacon";
import { configuredBeacon } from "#raffles/beacon/configured-beacon";
import { beaconDescription } from "#raffles/core/beacon-round";
import { BEACON_WAIT_MS, nextBeaconWait } from "#raffles/core/beacon-wait";
import { beaconRoundFor, seedForWinners, winnersFromSeed } from "#raffles/core/draw-algorithm";
import { registerToDraw, seedOfDrawn, seedToDraw } from "#raffles/core/draw-progress";
import { byTicketNumber, type Winner } from "#raffles/core/prizes";
import type { RaffleRecord, RecordedBeacon } from "#raffles/core/raffle-record";
import { markDrawn, readRaffleAndShards, recordDrawInputs } from "#raffles/store/raffle-store";
import { putWinners } from "#raffles/store/winner-store";
import { webhookEventPut } from "#webhooks";

/**
 * Draws a sold-out raffle (core/draw-algorithm.ts). The beacon round follows from the time the
 * raffle sold out; a draw called before that round is out waits for it, up to `waitMs` (15 s,
 * API.md), then answers 503 `beacon_unavailable` with `Retry-After`, nothing recorded.
 * The inputs (register digest, verified round, seed_for_winners) are recorded with ONE conditional
 * write (`open` → `drawing`): concurrent calls compute the same inputs and converge on one record,
 * and a call that finds a draw half-done finishes it from that record with the very same winners.
 * A raffle that draws itself answers its winners to every call after its draw.
 */
export async function drawRaffle(
  id: string,
  { waitMs = BEACON_WAIT_MS }: { waitMs?: number } = {},
): Promise<Winner[]> {
  const { record: stored, shards } = await readRaffleAndShards(id);
  let record = stored;
  if (record.status === "drawn") return winnersOfDrawn(record);
  const register = registerToDraw(record, shards);
  if (register) {
    const beacon = await beaconRoundOf(register.soldOutAt, Date.now() + waitMs);
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
    if (record.status === "drawn") return winnersOfDrawn(record);
  }
  const seed = seedToDraw(record);
  const winners = winnersFromSeed(seed, record.total_tickets, record.prizes);
  await putWinners(record, winners);
  const drawnAt = nowIso();
  const event = webhookEventPut(
    "raffle.drawn",
    { id, status: "drawn", drawn_at: drawnAt },
    Date.parse(drawnAt),
  );
  if (await markDrawn(id, seed, drawnAt, [event])) countMetric(raffleMetrics.RafflesDrawn);
  return byTicketNumber(winners);
}

/** The winners of a drawn raffle that draws itself, recomputed from its seed (no read, no write). */
const winnersOfDrawn = (record: RaffleRecord) =>
  byTicketNumber(winnersFromSeed(seedOfDrawn(record), record.total_tickets, record.prizes));

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** 503 `beacon_unavailable`: the round cannot be had now; nothing was recorded. */
const beaconUnavailable = (detail: string, retryAfterSeconds: number) =>
  new DomainError("beacon_unavailable", detail, { retryAfterSeconds });

/**
 * The verified beacon round for a raffle sold out at `soldOutAt`, waited for until `deadline`
 * (epoch ms, real time): a round due within the wait is waited for; one that cannot be out by
 * then, or a beacon that cannot be reached, is 503 `beacon_unavailable` at once.
 */
async function beaconRoundOf(soldOutAt: string, deadline: number): Promise<RecordedBeacon> {
  const beacon = configuredBeacon();
  const round = beaconRoundFor(beacon.info, soldOutAt);
  for (;;) {
    let fetched: Awaited<ReturnType<typeof fetchRound>>;
    try {
      fetched = await fetchRound(beacon, round);
    } catch (error) {
      if (!(error instanceof BeaconUnavailableError)) throw error;
      logger.warn("randomness beacon unavailable", { round, reason: error.reason });
      throw beaconUnavailable("The randomness beacon cannot be reached; try again shortly", 5);
    }
    if (!("pending" in fetched)) return { ...beaconDescription(beacon.info), ...fetched };
    const step = nextBeaconWait(fetched.outInMs, deadline - Date.now());
    if ("retryAfterSeconds" in step) {
      throw beaconUnavailable(
        `Beacon round ${round}, which the draw needs, cannot be had within the draw's wait`,
        step.retryAfterSeconds,
      );
    }
    await sleep(step.pauseMs);
  }
}
