import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { verifiedRound } from "#raffles/core/beacon-round";
import { roundTimeMs } from "#raffles/core/beacon-schedule";
import {
  BEACON_DELAY_MS,
  beaconRoundFor,
  drawCommitment,
  seedForWinners,
  soldOutAt,
  winnersFromSeed,
} from "#raffles/core/draw-algorithm";
import { QUICKNET } from "#raffles/core/quicknet";
import { seededUint32Stream, uniformBelow } from "#raffles/core/seeded-sampler";
import { chainHeadOf, codeDigest, registerDigest } from "#raffles/core/ticket-chain";
import { quicknetRounds } from "../../fixtures/quicknet-rounds";

const sha256 = (...parts: Buffer[]) =>
  createHash("sha256").update(Buffer.concat(parts)).digest("hex");

/** Pearson's chi-square statistic of observed counts against equal expected counts. */
function chiSquare(counts: readonly number[]) {
  const total = counts.reduce((sum, count) => sum + count, 0);
  const expected = total / counts.length;
  return counts.reduce((sum, count) => sum + (count - expected) ** 2 / expected, 0);
}
// Critical values at p = 0.001: a uniform sampler exceeds them once in a thousand runs.
const CHI2_0_001 = { df5: 20.52, df9: 27.88, df19: 43.82 };

/** The inputs of the i-th of many draws: only the beacon's randomness changes between them. */
const inputs = (i: number) => ({
  raffleId: "r_00112233445566778899aabbccddeeff",
  operatorSeed: "01".repeat(32),
  registerDigest: "02".repeat(32),
  beaconRandomness: createHash("sha256").update(`round ${i}`).digest("hex"),
});

describe("draw algorithm v1", () => {
  it("gives the worked example of docs/verifiable-draws.md, on a published quicknet round", () => {
    const id = "r_00112233445566778899aabbccddeeff";
    const seed = "01".repeat(32);
    const claims: [number, string, string][] = [
      [2, "7KQ2M9XDPA4T0RVB", "2026-07-23T07:38:20.125Z"],
      [3, "H3NW8C1ZQ6YJ2E5S", "2026-07-23T07:38:22.500Z"],
      [1, "0B4TXG9MKR7VD2QA", "2026-07-23T07:38:24.000Z"],
    ];
    const entries = claims.map(([ticket, code, at]) => ({
      ticket_number: ticket,
      code_digest: codeDigest(id, ticket, code),
      claimed_at: at,
    }));
    expect(drawCommitment(seed)).toBe(
      "72cd6e8422c407fb6d098690f1130b7ded7ec2f7f5e1d30bd9d521f015363793",
    );
    expect(entries[0]?.code_digest).toBe(
      "d8c8f5f0a5482a2f6cd4346d839a3844dfdaf2cc0afee2ddf95de210d6dfcc08",
    );
    const head = chainHeadOf(id, 0, entries);
    expect(head).toBe("b62726ca12ed8c8fe3a84b08ff21610bfd31767541583e85afebac3c2e23506e");
    const digest = registerDigest(id, 3, [head]);
    expect(digest).toBe("9b94c876b69d6a7ebd53673469727e79f7afa927bc38ef114304acdefba5739f");
    const round = beaconRoundFor(QUICKNET, soldOutAt(entries.map((e) => e.claimed_at)));
    const published = quicknetRounds.find((r) => r.round === round);
    expect(round).toBe(30662982);
    expect(verifiedRound(round, published?.signature as string, QUICKNET.publicKey)).toEqual(
      published,
    );
    const winnersSeed = seedForWinners({
      raffleId: id,
      operatorSeed: seed,
      registerDigest: digest,
      beaconRandomness: published?.randomness as string,
    });
    expect(winnersSeed).toBe("a0e9cfcaa5c3813cbb732c555363f6d280724c04b0b229c580f60ef542fd6e27");
    expect(
      winnersFromSeed(winnersSeed, 3, [
        { name: "Bike", quantity: 1 },
        { name: "Mug", quantity: 1 },
      ]),
    ).toEqual([
      { prize: "Bike", ticket_number: 3 },
      { prize: "Mug", ticket_number: 1 },
    ]);
  });

  it("commits to the seed's 32 bytes with SHA-256", () => {
    expect(drawCommitment("ab".repeat(32))).toBe(sha256(Buffer.from("ab".repeat(32), "hex")));
  });

  it("makes seed_for_winners SHA-256(seed ‖ register digest ‖ randomness ‖ raffle id)", () => {
    const given = inputs(1);
    expect(seedForWinners(given)).toBe(
      sha256(
        Buffer.from(given.operatorSeed, "hex"),
        Buffer.from(given.registerDigest, "hex"),
        Buffer.from(given.beaconRandomness, "hex"),
        Buffer.from(given.raffleId, "utf8"),
      ),
    );
    for (const change of [
      { operatorSeed: "03".repeat(32) },
      { registerDigest: "03".repeat(32) },
      { beaconRandomness: "03".repeat(32) },
      { raffleId: "r_ffeeddccbbaa99887766554433221100" },
    ]) {
      expect(seedForWinners({ ...given, ...change })).not.toBe(seedForWinners(given));
    }
  });

  it("takes the first beacon round published at least 5 s after the last claim", () => {
    const round = 34_000_000;
    const published = roundTimeMs(QUICKNET, round);
    const at = (ms: number) => new Date(ms).toISOString();
    expect(BEACON_DELAY_MS).toBe(5000);
    expect(beaconRoundFor(QUICKNET, at(published - 5000))).toBe(round);
    expect(beaconRoundFor(QUICKNET, at(published - 5001))).toBe(round);
    expect(beaconRoundFor(QUICKNET, at(published - 7999))).toBe(round);
    expect(beaconRoundFor(QUICKNET, at(published - 8000))).toBe(round - 1);
    expect(beaconRoundFor(QUICKNET, at(published - 4999))).toBe(round + 1);
  });

  it("dates the sale's end by the latest last claim of any shard", () => {
    expect(
      soldOutAt([
        "2026-12-01T10:00:00.500Z",
        "2026-12-01T10:00:01.250Z",
        "2026-12-01T09:59:59.000Z",
      ]),
    ).toBe("2026-12-01T10:00:01.250Z");
    expect(() => soldOutAt([])).toThrow(RangeError);
  });

  it("gives every ordered pair of 5 tickets equally often to two prize units (chi-square, 20,000 draws)", () => {
    const counts = Array<number>(25).fill(0);
    const prizes = [
      { name: "First", quantity: 1 },
      { name: "Second", quantity: 1 },
    ];
    for (let i = 0; i < 20_000; i++) {
      const [first, second] = winnersFromSeed(seedForWinners(inputs(i)), 5, prizes);
      const a = (first?.ticket_number as number) - 1;
      const b = (second?.ticket_number as number) - 1;
      expect(a).not.toBe(b);
      counts[a * 5 + b] = (counts[a * 5 + b] as number) + 1;
    }
    const pairs = counts.filter((_, cell) => Math.floor(cell / 5) !== cell % 5);
    expect(pairs).toHaveLength(20);
    expect(chiSquare(pairs)).toBeLessThan(CHI2_0_001.df19);
  });

  it("lets every ticket of 10 win one of 3 prizes equally often (chi-square, 20,000 draws)", () => {
    const wins = Array<number>(10).fill(0);
    for (let i = 0; i < 20_000; i++) {
      for (const winner of winnersFromSeed(seedForWinners(inputs(i)), 10, [
        { name: "P", quantity: 3 },
      ])) {
        wins[winner.ticket_number - 1] = (wins[winner.ticket_number - 1] as number) + 1;
      }
    }
    expect(chiSquare(wins)).toBeLessThan(CHI2_0_001.df9);
  });

  it("the same chi-square test rejects a biased sampler (the naive shuffle), so it has teeth", () => {
    const orders = new Map<string, number>();
    for (let i = 0; i < 20_000; i++) {
      const next = seededUint32Stream(Buffer.from(seedForWinners(inputs(i)), "hex"));
      const order = [0, 1, 2];
      for (let k = 0; k < 3; k++) {
        const j = uniformBelow(next, 3); // should be k + uniformBelow(next, 3 - k)
        [order[k], order[j]] = [order[j] as number, order[k] as number];
      }
      orders.set(order.join(), (orders.get(order.join()) ?? 0) + 1);
    }
    expect(orders.size).toBe(6);
    expect(chiSquare([...orders.values()])).toBeGreaterThan(CHI2_0_001.df5);
  });
});
