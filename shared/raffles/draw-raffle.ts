import { TransactWriteCommand, UpdateCommand } from "@aws-sdk/lib-dynamodb";
import { batchPutAll } from "#platform/db/batches";
import { db, tableName } from "#platform/db/client";
import {
  cancellationReasons,
  conditionFailureItem,
  isConditionFailure,
} from "#platform/db/transactions";
import { DomainError } from "#platform/errors";
import { countMetric } from "#platform/observability/invocation-metrics";
import { logger } from "#platform/observability/logger";
import { raffleMetrics } from "#raffles/api/metrics";
import type { Winner } from "#raffles/api/schemas";
import { BeaconUnavailableError, beaconDescription, fetchRound } from "#raffles/beacon/beacon";
import { configuredBeacon } from "#raffles/beacon/configured-beacon";
import { webhookEventPut } from "#webhooks";
import { byTicketNumber } from "./draw";
import { raffleKeys, raffleWinnerPartitions } from "./keys";
import { type RaffleRecord, type RecordedBeacon, raffleRecordSchema } from "./raffle-store";
import { completedRegister, readRaffleAndShards, unclaimed } from "./shard-state";
import { beaconRoundFor, seedForWinners, winnersFromSeed } from "./verifiable-draw";

const alreadyDrawn = () => new DomainError("already_drawn", "This raffle has been drawn");

/**
 * Draws a sold-out raffle (verifiable-draw.ts). The beacon round follows from the time the raffle
 * sold out; before that round is out the answer is 409 `beacon_pending` with `Retry-After`. The
 * inputs (register digest, verified round, seed_for_winners) are recorded with ONE conditional
 * write (`open` → `drawing`): concurrent calls compute the same inputs and converge on one record,
 * and a call that finds a draw half-done finishes it from that record with the very same winners.
 */
export async function drawRaffle(id: string): Promise<Winner[]> {
  const { record: stored, shards } = await readRaffleAndShards(id);
  let record = stored;
  if (record.status === "drawn") throw alreadyDrawn();
  if (record.status === "open") {
    const remaining = unclaimed(shards);
    if (remaining > 0) {
      throw new DomainError("tickets_remaining", `${remaining} tickets are still unclaimed`);
    }
    const register = completedRegister(id, record.total_tickets, shards);
    if (!register) throw new Error(`Raffle ${id} is sold out without a register`);
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
    if (record.status === "drawn") throw alreadyDrawn();
  }
  const seed = record.seed_for_winners;
  if (!seed) throw new Error(`Raffle ${id} is drawing without its inputs`);
  const winners = winnersFromSeed(seed, record.total_tickets, record.prizes);
  const partitions = raffleWinnerPartitions(record.prizes);
  await batchPutAll(
    winners.map((winner) => ({
      ...raffleKeys.winner(id, winner.ticket_number, partitions),
      prize: winner.prize,
      ticket_number: winner.ticket_number,
    })),
  );
  await markDrawn(id, seed);
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
  const { info } = beacon;
  return {
    ...beaconDescription(info),
    ...fetched,
  };
}

type RecordedInputs = Required<
  Pick<RaffleRecord, "register_digest" | "sold_out_at" | "beacon" | "seed_for_winners">
>;

/** `open` → `drawing` with the draw's inputs; when another call got there first, its record. */
async function recordDrawInputs(
  record: RaffleRecord,
  inputs: RecordedInputs,
): Promise<RaffleRecord> {
  try {
    const result = await db.send(
      new UpdateCommand({
        TableName: tableName,
        Key: raffleKeys.raffle(record.id),
        UpdateExpression:
          "SET #status = :drawing, register_digest = :digest, sold_out_at = :soldOut, " +
          "beacon = :beacon, seed_for_winners = :seed",
        ConditionExpression: "#status = :open",
        ExpressionAttributeNames: { "#status": "status" },
        ExpressionAttributeValues: {
          ":drawing": "drawing",
          ":open": "open",
          ":digest": inputs.register_digest,
          ":soldOut": inputs.sold_out_at,
          ":beacon": inputs.beacon,
          ":seed": inputs.seed_for_winners,
        },
        ReturnValues: "ALL_NEW",
        ReturnValuesOnConditionCheckFailure: "ALL_OLD",
      }),
    );
    return raffleRecordSchema.parse(result.Attributes);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = conditionFailureItem(error);
    // The condition failed on the item as it stands: only a raffle that is gone has none.
    if (!current) throw new Error(`Raffle ${record.id} vanished while being drawn`);
    return raffleRecordSchema.parse(current);
  }
}

/** `drawing` → `drawn`, once, with its `raffle.drawn` webhook event; a concurrent call that finished first has already done it. */
async function markDrawn(id: string, seed: string): Promise<void> {
  const now = Date.now();
  const drawnAt = new Date(now).toISOString();
  try {
    await db.send(
      new TransactWriteCommand({
        TransactItems: [
          {
            Update: {
              TableName: tableName,
              Key: raffleKeys.raffle(id),
              UpdateExpression: "SET #status = :drawn, drawn_at = :now",
              ConditionExpression: "#status = :drawing AND seed_for_winners = :seed",
              ExpressionAttributeNames: { "#status": "status" },
              ExpressionAttributeValues: {
                ":drawn": "drawn",
                ":drawing": "drawing",
                ":seed": seed,
                ":now": drawnAt,
              },
            },
          },
          webhookEventPut("raffle.drawn", { id, status: "drawn", drawn_at: drawnAt }, now),
        ],
      }),
    );
    countMetric(raffleMetrics.RafflesDrawn);
  } catch (error) {
    if (cancellationReasons(error)?.[0]?.code !== "ConditionalCheckFailed") throw error;
  }
}
