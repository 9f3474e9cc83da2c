import { describe, expect, it } from "vitest";
import { DomainError } from "#platform/errors";
import { registerToDraw, seedToDraw } from "#raffles/core/draw-progress";
import { newRaffleRecord, type RaffleRecord } from "#raffles/core/raffle-record";
import type { ShardState } from "#raffles/core/shards";
import { registerDigest } from "#raffles/core/ticket-chain";

const ID = "r_00112233445566778899aabbccddeeff";
const open = newRaffleRecord({
  id: ID,
  name: "Test",
  totalTickets: 20,
  prizes: [{ name: "Bike", quantity: 1 }],
  createdAt: "2026-11-21T10:00:00.000Z",
  permutationKey: "00".repeat(32),
  operatorSeed: "11".repeat(32),
  autoDraw: false,
});
const shard = (i: number, next: number, lastClaimedAt: string | null): ShardState => ({
  shard: i,
  start: i * 10,
  end: i * 10 + 10,
  next,
  head: String(i).repeat(64),
  lastClaimedAt,
});
const soldOut = [
  shard(0, 10, "2026-11-21T10:01:00.000Z"),
  shard(1, 20, "2026-11-21T10:02:00.000Z"),
];

const codeOf = (run: () => unknown) => {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? error.code : (error as Error).message;
  }
  return undefined;
};

describe("where a draw stands", () => {
  it("refuses an open raffle with unclaimed tickets: tickets_remaining", () => {
    const shards = [shard(0, 10, "2026-11-21T10:01:00.000Z"), shard(1, 17, null)];
    expect(codeOf(() => registerToDraw(open, shards))).toBe("tickets_remaining");
  });

  it("records a sold-out raffle's register: its digest and its last claim", () => {
    expect(registerToDraw(open, soldOut)).toEqual({
      registerDigest: registerDigest(ID, 20, [soldOut[0]?.head, soldOut[1]?.head] as string[]),
      soldOutAt: "2026-11-21T10:02:00.000Z",
    });
  });

  it("resumes a drawing raffle from its recorded seed, recording nothing again", () => {
    const drawing: RaffleRecord = { ...open, status: "drawing", seed_for_winners: "ab".repeat(32) };
    expect(registerToDraw(drawing, soldOut)).toBeUndefined();
    expect(seedToDraw(drawing)).toBe("ab".repeat(32));
  });

  it("refuses a drawn raffle, before or after recording: already_drawn", () => {
    const drawn: RaffleRecord = { ...open, status: "drawn", seed_for_winners: "ab".repeat(32) };
    expect(codeOf(() => registerToDraw(drawn, soldOut))).toBe("already_drawn");
    expect(codeOf(() => seedToDraw(drawn))).toBe("already_drawn");
  });

  it("never draws a raffle that is drawing without its inputs", () => {
    expect(codeOf(() => seedToDraw({ ...open, status: "drawing" }))).toMatch(/without its inputs/);
  });
});
