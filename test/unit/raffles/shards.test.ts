import { describe, expect, it } from "vitest";
import { shardCount as planShardCount, shardRange } from "#platform/sharded-counter";
import { RAFFLE_SHARD_PLAN } from "#raffles/core/shards";

const MAX_SHARDS = RAFFLE_SHARD_PLAN.maxShards;
const shardCount = (tickets: number) => planShardCount(RAFFLE_SHARD_PLAN, tickets);

describe("shards", () => {
  it.each([
    [1, 1],
    [16, 1],
    [17, 2],
    [50, 4],
    [1000, 63],
    [5000, MAX_SHARDS],
    [100_000_000, MAX_SHARDS],
  ])("a raffle of %i tickets has %i shards", (tickets, shards) => {
    expect(shardCount(tickets)).toBe(shards);
  });

  it.each([1, 2, 17, 50, 1000, 5001, 100_000_000])(
    "the shards of %i tickets cover 0..N-1 exactly, in non-empty contiguous ranges",
    (tickets) => {
      const count = shardCount(tickets);
      let expectedStart = 0;
      for (let i = 0; i < count; i++) {
        const { start, end } = shardRange(tickets, count, i);
        expect(start).toBe(expectedStart);
        expect(end).toBeGreaterThan(start);
        expectedStart = end;
      }
      expect(expectedStart).toBe(tickets);
    },
  );
});
