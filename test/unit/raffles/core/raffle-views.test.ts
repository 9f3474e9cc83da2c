import { describe, expect, it } from "vitest";
import type { DomainError } from "#platform/errors";
import { auditOf } from "#raffles/core/audit-document";
import type { BeaconInfo } from "#raffles/core/beacon-round";
import { roundTimeMs } from "#raffles/core/beacon-schedule";
import { beaconRoundFor, DRAW_ALGORITHM, drawCommitment } from "#raffles/core/draw-algorithm";
import { QUICKNET } from "#raffles/core/quicknet";
import { newRaffleRecord, type RaffleRecord, raffleView } from "#raffles/core/raffle-record";
import type { ShardState } from "#raffles/core/shards";
import { checkTicketCode, ticketOutcome } from "#raffles/core/ticket-verification";

const ID = "r_00112233445566778899aabbccddeeff";
const record = newRaffleRecord({
  id: ID,
  name: "Summer raffle",
  totalTickets: 5000,
  prizes: [{ name: "Bike", quantity: 1 }],
  createdAt: "2026-11-21T10:00:00.000Z",
  permutationKey: "00".repeat(32),
  operatorSeed: "11".repeat(32),
  autoDraw: false,
});
const beacon: BeaconInfo = {
  network: QUICKNET.network,
  chainHash: QUICKNET.chainHash,
  publicKey: QUICKNET.publicKey,
  scheme: QUICKNET.scheme,
  genesisTime: QUICKNET.genesisTime,
  periodSeconds: QUICKNET.periodSeconds,
};

describe("a new raffle's record", () => {
  it("is open, committed to its seed, with the shard count its size gives (at most 64)", () => {
    expect(record).toMatchObject({
      status: "open",
      algorithm: DRAW_ALGORITHM,
      draw_commitment: drawCommitment("11".repeat(32)),
      shard_count: 64,
      total_tickets: 5000,
    });
    expect(newRaffleRecord({ ...fields(), totalTickets: 50 }).shard_count).toBe(4);
  });
});

function fields() {
  return {
    id: ID,
    name: "Small",
    totalTickets: 50,
    prizes: [{ name: "Mug", quantity: 1 }],
    createdAt: "2026-11-21T10:00:00.000Z",
    permutationKey: "00".repeat(32),
    operatorSeed: "22".repeat(32),
    autoDraw: false,
  };
}

describe("the API's raffle object", () => {
  it("is open while tickets remain, sold_out at none, drawn (with none) once drawn", () => {
    expect(raffleView(record, 12)).toMatchObject({ status: "open", tickets_remaining: 12 });
    expect(raffleView(record, 0)).toMatchObject({ status: "sold_out", tickets_remaining: 0 });
    const drawn: RaffleRecord = { ...record, status: "drawn", drawn_at: "2026-11-22T00:00:00Z" };
    expect(raffleView(drawn, 7)).toMatchObject({
      status: "drawn",
      tickets_remaining: 0,
      drawn_at: "2026-11-22T00:00:00Z",
    });
  });

  it("never shows the secrets of the record", () => {
    const view = JSON.stringify(raffleView(record, 3));
    expect(view).not.toContain(record.operator_seed);
    expect(view).not.toContain(record.permutation_key);
  });
});

describe("the audit", () => {
  const shards = (next: number[], last: (string | null)[]): ShardState[] =>
    next.map((n, i) => ({
      shard: i,
      start: i * 10,
      end: i * 10 + 10,
      next: n,
      head: String(i).repeat(64),
      lastClaimedAt: last[i] ?? null,
    }));
  const small = { ...record, total_tickets: 20 };

  it("of an open raffle shows the beacon it will use, without a round, and no seed", () => {
    const audit = auditOf(
      small,
      shards([3, 10], ["2026-11-21T10:01:00.000Z", null]),
      () => beacon,
      null,
    );
    expect(audit).toMatchObject({
      status: "open",
      register_digest: null,
      sold_out_at: null,
      operator_seed: null,
      winners: null,
      beacon: { network: "drand-quicknet", round: null, round_time: null, signature: null },
    });
    expect(audit.chains.map((chain) => chain.tickets_claimed)).toEqual([3, 0]);
  });

  it("of a sold-out raffle names the round its sale fixed", () => {
    const soldOutAt = "2026-11-21T10:02:00.000Z";
    const audit = auditOf(
      small,
      shards([10, 20], ["2026-11-21T10:01:00.000Z", soldOutAt]),
      () => beacon,
      null,
    );
    const round = beaconRoundFor(beacon, soldOutAt);
    expect(audit).toMatchObject({ status: "sold_out", sold_out_at: soldOutAt });
    expect(audit.beacon.round).toBe(round);
    expect(audit.beacon.round_time).toBe(new Date(roundTimeMs(beacon, round)).toISOString());
  });

  it("of a drawn raffle shows the recorded round and reveals the seed, never asking the beacon", () => {
    const drawn: RaffleRecord = {
      ...small,
      status: "drawn",
      seed_for_winners: "cd".repeat(32),
      beacon: {
        network: "local",
        chain_hash: null,
        public_key: "ee".repeat(48),
        scheme: QUICKNET.scheme,
        genesis_time: QUICKNET.genesisTime,
        period_seconds: QUICKNET.periodSeconds,
        round: 1000,
        signature: "ff".repeat(48),
        randomness: "aa".repeat(32),
      },
    };
    const winners = [{ prize: "Bike", ticket_number: 7 }];
    const audit = auditOf(
      drawn,
      shards([10, 20], ["2026-11-21T10:01:00.000Z", "2026-11-21T10:02:00.000Z"]),
      () => {
        throw new Error("the beacon was asked");
      },
      winners,
    );
    expect(audit).toMatchObject({
      status: "drawn",
      operator_seed: drawn.operator_seed,
      seed_for_winners: "cd".repeat(32),
      winners,
      beacon: {
        network: "local",
        round: 1000,
        round_time: new Date(roundTimeMs(beacon, 1000)).toISOString(),
      },
    });
  });
});

describe("a ticket's verification", () => {
  const ticket = {
    raffle_id: ID,
    ticket_number: 7,
    code_hash: "ab".repeat(32),
    code_digest: "cd".repeat(32),
    claimed_at: "2026-11-21T10:01:00.000Z",
    shard: 0,
    position: 0,
  };

  it("refuses another code, and one that could not be a code, alike", () => {
    for (const typed of ["ac".repeat(32), undefined]) {
      try {
        checkTicketCode(ticket, typed);
        expect.unreachable();
      } catch (error) {
        expect((error as DomainError).code).toBe("invalid_verification_code");
      }
    }
    expect(() => checkTicketCode(ticket, "ab".repeat(32))).not.toThrow();
  });

  it("is pending before the draw, then won or lost", () => {
    expect(ticketOutcome(record, 7, undefined)).toEqual({
      ticket_number: 7,
      status: "pending",
      prize: null,
    });
    const drawn: RaffleRecord = { ...record, status: "drawn" };
    expect(ticketOutcome(drawn, 7, { prize: "Bike", ticket_number: 7 })).toEqual({
      ticket_number: 7,
      status: "won",
      prize: "Bike",
    });
    expect(ticketOutcome(drawn, 8, undefined)).toEqual({
      ticket_number: 8,
      status: "lost",
      prize: null,
    });
  });
});
