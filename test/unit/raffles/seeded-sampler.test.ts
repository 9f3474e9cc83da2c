import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { byTicketNumber } from "#raffles/core/prizes";
import {
  drawWinners,
  sampleDistinct,
  seededUint32Stream,
  uniformBelow,
} from "#raffles/core/seeded-sampler";

describe("the draw", () => {
  it("is a function of the seed: the same seed, the same winners", () => {
    const seed = randomBytes(32);
    const prizes = [
      { name: "Bike", quantity: 1 },
      { name: "Mug", quantity: 10 },
    ];
    expect(drawWinners(seed, 1000, prizes)).toEqual(drawWinners(Buffer.from(seed), 1000, prizes));
    expect(drawWinners(randomBytes(32), 1000, prizes)).not.toEqual(drawWinners(seed, 1000, prizes));
  });

  it("gives each prize unit to a distinct ticket in 1..N, units in order", () => {
    const winners = drawWinners(randomBytes(32), 30, [
      { name: "A", quantity: 2 },
      { name: "B", quantity: 28 },
    ]);
    expect(winners.map((w) => w.prize)).toEqual([...Array(2).fill("A"), ...Array(28).fill("B")]);
    const tickets = winners.map((w) => w.ticket_number);
    expect(new Set(tickets).size).toBe(30);
    expect(tickets.every((t) => t >= 1 && t <= 30)).toBe(true);
  });

  it("samples 10,000 of 100,000,000 distinctly with O(P) random draws, not O(N)", () => {
    const stream = seededUint32Stream(randomBytes(32));
    let draws = 0;
    const counted = () => {
      draws++;
      return stream();
    };
    const picks = sampleDistinct(counted, 100_000_000, 10_000);
    // One value per pick, plus the rare rejection (under 3% of values for bounds near 10^8).
    expect(draws).toBeGreaterThanOrEqual(10_000);
    expect(draws).toBeLessThan(10_500);
    expect(new Set(picks).size).toBe(10_000);
    expect(picks.every((p) => p >= 0 && p < 100_000_000)).toBe(true);
  });

  it("is uniform: every ticket of 10 wins about equally often over many draws", () => {
    const counts = Array<number>(10).fill(0);
    const firstPlace = Array<number>(10).fill(0);
    const draws = 20_000;
    for (let i = 0; i < draws; i++) {
      const picks = sampleDistinct(seededUint32Stream(randomBytes(16)), 10, 3);
      for (const p of picks) counts[p] = (counts[p] as number) + 1;
      firstPlace[picks[0] as number] = (firstPlace[picks[0] as number] as number) + 1;
    }
    // Expected 6,000 and 2,000; five standard deviations or so either side.
    for (const c of counts) expect(Math.abs(c - 6000)).toBeLessThan(330);
    for (const c of firstPlace) expect(Math.abs(c - 2000)).toBeLessThan(220);
  });

  it("uniformBelow has no modulo bias and refuses impossible bounds", () => {
    // A stream that yields the top of the 32-bit range first: rejected for bound 3.
    const values = [2 ** 32 - 1, 5];
    expect(uniformBelow(() => values.shift() as number, 3)).toBe(2);
    expect(() => uniformBelow(() => 0, 0)).toThrow(RangeError);
    expect(() => sampleDistinct(() => 0, 3, 4)).toThrow(RangeError);
  });

  it("lists winners by ticket number", () => {
    expect(
      byTicketNumber([
        { prize: "a", ticket_number: 9 },
        { prize: "b", ticket_number: 2 },
      ]),
    ).toEqual([
      { prize: "b", ticket_number: 2 },
      { prize: "a", ticket_number: 9 },
    ]);
  });
});
