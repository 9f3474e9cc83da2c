import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { shardCount, shardRange } from "#platform/sharded-counter";
import type { Audit, RegisterExportEntry } from "#raffles/core/audit-document";
import { roundTimeMs } from "#raffles/core/beacon-schedule";
import { newSecretKey, publicKeyOf, randomnessOf, signRound } from "#raffles/core/bls";
import {
  beaconRoundFor,
  DRAW_ALGORITHM,
  drawCommitment,
  newOperatorSeed,
  seedForWinners,
  soldOutAt,
  winnersFromSeed,
} from "#raffles/core/draw-algorithm";
import { verifyAudit } from "#raffles/core/draw-verifier";
import { byTicketNumber } from "#raffles/core/prizes";
import { QUICKNET } from "#raffles/core/quicknet";
import { RAFFLE_SHARD_PLAN } from "#raffles/core/shards";
import { chainHeadOf, codeDigest, registerDigest } from "#raffles/core/ticket-chain";
import { newVerificationCode } from "#raffles/core/verification-code";

const ID = "r_00112233445566778899aabbccddeeff";
const TOTAL = 40;
const PRIZES = [
  { name: "Bike", quantity: 1 },
  { name: "Mug", quantity: 4 },
];
const beaconKey = newSecretKey();

/**
 * A drawn raffle's audit and register, built the way the service builds them (claims in shards,
 * chains, the local beacon's round), so that each alteration below changes one thing only.
 */
function drawnRaffle(signingKey = beaconKey) {
  const shards = shardCount(RAFFLE_SHARD_PLAN, TOTAL);
  const tickets = [...Array(TOTAL).keys()].map((i) => ((i * 7) % TOTAL) + 1);
  const codes = new Map<number, string>();
  const register: RegisterExportEntry[] = [];
  const started = Date.parse("2026-12-01T10:00:00.000Z");
  for (let shard = 0; shard < shards; shard++) {
    const { start, end } = shardRange(TOTAL, shards, shard);
    for (let slot = start; slot < end; slot++) {
      const ticket = tickets[slot] as number;
      const { canonical, code } = newVerificationCode();
      codes.set(ticket, code);
      register.push({
        shard,
        position: slot - start,
        ticket_number: ticket,
        code_digest: codeDigest(ID, ticket, canonical),
        claimed_at: new Date(started + slot * 10 + shard).toISOString(),
      });
    }
  }
  const chains = [...Array(shards).keys()].map((shard) => {
    const entries = register.filter((entry) => entry.shard === shard);
    return {
      shard,
      capacity: entries.length,
      tickets_claimed: entries.length,
      head: chainHeadOf(ID, shard, entries),
      last_claimed_at: entries.at(-1)?.claimed_at ?? null,
    };
  });
  const digest = registerDigest(
    ID,
    TOTAL,
    chains.map((chain) => chain.head),
  );
  const soldOut = soldOutAt(chains.map((chain) => chain.last_claimed_at as string));
  const round = beaconRoundFor(QUICKNET, soldOut);
  const signature = signRound(round, signingKey);
  const operatorSeed = newOperatorSeed();
  const seed = seedForWinners({
    raffleId: ID,
    operatorSeed,
    registerDigest: digest,
    beaconRandomness: randomnessOf(signature),
  });
  const audit: Audit = {
    raffle_id: ID,
    status: "drawn",
    algorithm: DRAW_ALGORITHM,
    total_tickets: TOTAL,
    prizes: PRIZES,
    draw_commitment: drawCommitment(operatorSeed),
    chains,
    register_digest: digest,
    sold_out_at: soldOut,
    beacon: {
      network: "local",
      chain_hash: null,
      public_key: publicKeyOf(signingKey),
      scheme: QUICKNET.scheme,
      genesis_time: QUICKNET.genesisTime,
      period_seconds: QUICKNET.periodSeconds,
      round,
      round_time: new Date(roundTimeMs(QUICKNET, round)).toISOString(),
      signature,
      randomness: randomnessOf(signature),
    },
    operator_seed: operatorSeed,
    seed_for_winners: seed,
    winners: byTicketNumber(winnersFromSeed(seed, TOTAL, PRIZES)),
  };
  return { audit, register, codes };
}

const trust = { localBeaconKey: publicKeyOf(beaconKey) };
const firstFailure = (audit: unknown, options: Parameters<typeof verifyAudit>[1] = trust) =>
  verifyAudit(audit, options).find((check) => !check.ok)?.name;

/** Re-derives everything after the beacon from a signature, as a careful forger would. */
function withBeaconSignature(audit: Audit, signature: string, publicKey: string): Audit {
  const randomness = randomnessOf(signature);
  const seed = seedForWinners({
    raffleId: audit.raffle_id,
    operatorSeed: audit.operator_seed as string,
    registerDigest: audit.register_digest as string,
    beaconRandomness: randomness,
  });
  return {
    ...audit,
    beacon: { ...audit.beacon, signature, randomness, public_key: publicKey },
    seed_for_winners: seed,
    winners: byTicketNumber(winnersFromSeed(seed, audit.total_tickets, audit.prizes)),
  };
}

describe("the verifier", () => {
  it("holds every check of an honest draw, register and player's ticket included", () => {
    const { audit, register, codes } = drawnRaffle();
    const checks = verifyAudit(audit, {
      ...trust,
      register,
      ticket: { ticketNumber: 8, code: codes.get(8) as string, entries: register },
    });
    expect(checks.map((check) => check.name)).toEqual([
      "audit",
      "commitment",
      "register",
      "ticket",
      "register_digest",
      "sold_out_at",
      "beacon_key",
      "beacon_round",
      "beacon_signature",
      "beacon_randomness",
      "seed_for_winners",
      "winners",
    ]);
    expect(checks.filter((check) => !check.ok)).toEqual([]);
  });

  it.each<[string, (audit: Audit) => void, string]>([
    [
      "a changed operator seed",
      (a) => {
        a.operator_seed = randomBytes(32).toString("hex");
      },
      "commitment",
    ],
    [
      "a changed commitment",
      (a) => {
        a.draw_commitment = "00".repeat(32);
      },
      "commitment",
    ],
    [
      "a changed chain head",
      (a) => {
        (a.chains[1] as Audit["chains"][0]).head = "00".repeat(32);
      },
      "register_digest",
    ],
    [
      "a changed register digest",
      (a) => {
        a.register_digest = "00".repeat(32);
      },
      "register_digest",
    ],
    [
      "a shard not full",
      (a) => {
        (a.chains[0] as Audit["chains"][0]).tickets_claimed -= 1;
      },
      "register_digest",
    ],
    [
      "a changed sale end",
      (a) => {
        a.sold_out_at = "2026-12-01T09:00:00.000Z";
      },
      "sold_out_at",
    ],
    [
      "a later last claim",
      (a) => {
        (a.chains[0] as Audit["chains"][0]).last_claimed_at = "2026-12-01T11:00:00.000Z";
      },
      "sold_out_at",
    ],
    [
      "a changed round",
      (a) => {
        a.beacon.round = (a.beacon.round as number) + 1;
      },
      "beacon_round",
    ],
    [
      "a changed randomness",
      (a) => {
        a.beacon.randomness = "00".repeat(32);
      },
      "beacon_randomness",
    ],
    [
      "a changed seed_for_winners",
      (a) => {
        a.seed_for_winners = "00".repeat(32);
      },
      "seed_for_winners",
    ],
    [
      "a changed winner",
      (a) => {
        (a.winners?.[0] as { ticket_number: number }).ticket_number = 41;
      },
      "winners",
    ],
    [
      "a prize given to another winner",
      (a) => {
        const [first, second] = a.winners as unknown as [{ prize: string }, { prize: string }];
        if (first.prize === second.prize) throw new Error("pick winners with different prizes");
        [first.prize, second.prize] = [second.prize, first.prize];
      },
      "winners",
    ],
    [
      "a winner too many",
      (a) => void a.winners?.push({ prize: "Mug", ticket_number: 40 }),
      "winners",
    ],
    [
      "an undrawn raffle",
      (a) => {
        a.status = "sold_out";
      },
      "audit",
    ],
    [
      "another algorithm",
      (a) => {
        a.algorithm = "tombola-draw-v2";
      },
      "audit",
    ],
  ])("fails first at the named check for %s", (_, alter, failing) => {
    const { audit } = drawnRaffle();
    expect(firstFailure(audit)).toBeUndefined();
    // Winners by ticket number: the first two may share a prize; put the bike first.
    audit.winners?.sort((a, b) => (a.prize === "Bike" ? -1 : b.prize === "Bike" ? 1 : 0));
    alter(audit);
    expect(firstFailure(audit)).toBe(failing);
  });

  it("fails at beacon_signature for a round signed by another key, all else made consistent", () => {
    const { audit } = drawnRaffle();
    const otherKey = newSecretKey();
    const forged = withBeaconSignature(
      audit,
      signRound(audit.beacon.round as number, otherKey),
      audit.beacon.public_key,
    );
    expect(
      verifyAudit(forged, trust)
        .filter((check) => !check.ok)
        .map((c) => c.name),
    ).toEqual(["beacon_signature"]);
    // Naming the other key in the audit does not help: the verifier trusts its own.
    const renamed = { ...forged, beacon: { ...forged.beacon, public_key: publicKeyOf(otherKey) } };
    expect(firstFailure(renamed)).toBe("beacon_key");
  });

  it("trusts quicknet's pinned key for drand and no key of the audit's choosing for a local beacon", () => {
    const { audit } = drawnRaffle();
    expect(firstFailure(audit, {})).toBe("beacon_key");
    const posingAsDrand = { ...audit, beacon: { ...audit.beacon, network: "drand-quicknet" } };
    expect(firstFailure(posingAsDrand, {})).toBe("beacon_key");
    const posingWithKey = {
      ...posingAsDrand,
      beacon: {
        ...posingAsDrand.beacon,
        public_key: QUICKNET.publicKey,
        chain_hash: QUICKNET.chainHash,
      },
    };
    expect(firstFailure(posingWithKey, {})).toBe("beacon_signature");
  });

  it.each<[string, (register: RegisterExportEntry[]) => void]>([
    [
      "a changed ticket number",
      (r) => {
        (r[3] as RegisterExportEntry).ticket_number = 99;
      },
    ],
    [
      "two tickets swapped",
      (r) => {
        const [a, b] = [r[3] as RegisterExportEntry, r[4] as RegisterExportEntry];
        [a.ticket_number, b.ticket_number] = [b.ticket_number, a.ticket_number];
      },
    ],
    [
      "a changed code digest",
      (r) => {
        (r[5] as RegisterExportEntry).code_digest = "00".repeat(32);
      },
    ],
    [
      "a changed claim time",
      (r) => {
        (r[6] as RegisterExportEntry).claimed_at = "2026-12-01T10:00:00.999Z";
      },
    ],
    ["a missing ticket", (r) => void r.splice(7, 1)],
    ["an extra ticket", (r) => void r.push({ ...(r[0] as RegisterExportEntry), position: 999 })],
    [
      "a ticket of a shard that does not exist",
      (r) => {
        (r[0] as RegisterExportEntry).shard = 7;
      },
    ],
  ])("fails at register for %s in the exported register", (_, alter) => {
    const { audit, register } = drawnRaffle();
    alter(register);
    expect(firstFailure(audit, { ...trust, register })).toBe("register");
  });

  it("lets a player find their ticket with their code, and no one else's", () => {
    const { audit, register, codes } = drawnRaffle();
    const mine = (ticketNumber: number, code: string) =>
      verifyAudit(audit, { ...trust, ticket: { ticketNumber, code, entries: register } }).find(
        (check) => check.name === "ticket",
      );
    expect(mine(8, (codes.get(8) as string).toLowerCase().replaceAll("-", " "))?.ok).toBe(true);
    expect(mine(8, codes.get(9) as string)?.ok).toBe(false);
    expect(mine(41, codes.get(8) as string)?.ok).toBe(false);
    expect(mine(8, "not a code")?.ok).toBe(false);
  });

  it("says an input that is not an audit is not one", () => {
    for (const input of [null, 42, "audit", {}, { raffle_id: ID }]) {
      expect(verifyAudit(input)).toEqual([
        { name: "audit", ok: false, detail: "the audit is not of the audit's form" },
      ]);
    }
  });
});
