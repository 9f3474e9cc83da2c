import type { Audit } from "#raffles/api/audit-schemas";
import { beaconDescription } from "#raffles/beacon/beacon";
import { configuredBeacon } from "#raffles/beacon/configured-beacon";
import { roundTimeMs } from "#raffles/beacon/schedule";
import type { RaffleRecord } from "./raffle-store";
import { completedRegister, readRaffleAndShards } from "./shard-state";
import { beaconRoundFor } from "./verifiable-draw";
import { storedWinners } from "./winners";

/**
 * The audit of a raffle: from creation its commitment and each shard's claim chain; once sold
 * out the register digest and the beacon round it will be drawn with; once drawn the revealed
 * operator seed, the verified round, seed_for_winners and the winners as stored.
 */
export async function readAudit(id: string): Promise<Audit> {
  const { record, shards } = await readRaffleAndShards(id);
  const register = completedRegister(id, record.total_tickets, shards);
  const drawn = record.status === "drawn";
  return {
    raffle_id: id,
    status: drawn ? "drawn" : register ? "sold_out" : "open",
    algorithm: record.algorithm,
    total_tickets: record.total_tickets,
    prizes: record.prizes,
    draw_commitment: record.draw_commitment,
    chains: shards.map((shard) => ({
      shard: shard.shard,
      capacity: shard.end - shard.start,
      tickets_claimed: shard.next - shard.start,
      head: shard.head,
      last_claimed_at: shard.lastClaimedAt,
    })),
    register_digest: record.register_digest ?? register?.registerDigest ?? null,
    sold_out_at: record.sold_out_at ?? register?.soldOutAt ?? null,
    beacon: beaconView(record, register?.soldOutAt),
    operator_seed: drawn ? record.operator_seed : null,
    seed_for_winners: drawn ? (record.seed_for_winners ?? null) : null,
    winners: drawn ? await storedWinners(record) : null,
  };
}

/** The recorded round once the draw has one; before, the beacon and round it will use. */
function beaconView(record: RaffleRecord, soldOutAt: string | undefined): Audit["beacon"] {
  const roundTime = (schedule: { genesisTime: number; periodSeconds: number }, round: number) =>
    new Date(roundTimeMs(schedule, round)).toISOString();
  const recorded = record.beacon;
  if (recorded) {
    const schedule = { genesisTime: recorded.genesis_time, periodSeconds: recorded.period_seconds };
    return { ...recorded, round_time: roundTime(schedule, recorded.round) };
  }
  const { info } = configuredBeacon();
  const round = soldOutAt ? beaconRoundFor(info, soldOutAt) : null;
  return {
    ...beaconDescription(info),
    round,
    round_time: round === null ? null : roundTime(info, round),
    signature: null,
    randomness: null,
  };
}
