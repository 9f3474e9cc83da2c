import { describe, expect, it } from "vitest";
import { shardCount, shardQuotas, shardRange } from "#platform/sharded-counter";

const plan = { maxShards: 8, minPerShard: 16 };

describe("shardCount", () => {
  it("gives a bounded counter one shard per minPerShard of its bound, at most maxShards", () => {
    expect(shardCount(plan, 1)).toBe(1);
    expect(shardCount(plan, 16)).toBe(1);
    expect(shardCount(plan, 17)).toBe(2);
    expect(shardCount(plan, 128)).toBe(8);
    expect(shardCount(plan, 1_000_000)).toBe(8);
  });

  it("gives an unbounded counter every shard, and never fewer than it has (shards only grow)", () => {
    expect(shardCount(plan, null)).toBe(8);
    expect(shardCount(plan, 16, 5)).toBe(5);
    expect(shardCount(plan, 0)).toBe(1);
  });
});

describe("shardRange", () => {
  it("splits 0..total−1 into contiguous shares that cover it exactly", () => {
    for (const [total, shards] of [
      [10, 3],
      [64, 64],
      [1_000, 7],
      [5, 8],
    ] as const) {
      let next = 0;
      for (let index = 0; index < shards; index++) {
        const { start, end } = shardRange(total, shards, index);
        expect(start).toBe(next);
        expect(end).toBeGreaterThanOrEqual(start);
        if (total >= shards) expect(end - start).toBeGreaterThanOrEqual(1);
        next = end;
      }
      expect(next).toBe(total);
    }
  });

  it("keeps the split the published draw algorithm fixes", () => {
    expect([0, 1, 2].map((index) => shardRange(10, 3, index))).toEqual([
      { start: 0, end: 3 },
      { start: 3, end: 6 },
      { start: 6, end: 10 },
    ]);
  });
});

describe("shardQuotas", () => {
  it("splits what is left evenly, the first shards taking one more, adding up to the bound", () => {
    expect(shardQuotas(10, [0, 0, 0])).toEqual([4, 3, 3]);
    expect(shardQuotas(10, [3, 0, 1])).toEqual([5, 2, 3]);
    expect(shardQuotas(4, [4, 0])).toEqual([4, 0]);
  });

  it("has no quotas when the shards already hold more than the bound", () => {
    expect(shardQuotas(3, [2, 2])).toBeUndefined();
  });
});
