import { describe, expect, it } from "vitest";
import { DomainError } from "#platform/errors";
import {
  afterLostRace,
  type ClaimAttempt,
  chainHeadAfter,
  fillAfterCount,
  firstFill,
  refusalWhenFull,
  soldOutView,
  ticketOf,
} from "#raffles/core/claim";
import { chainGenesis, codeDigest, nextChainHead } from "#raffles/core/ticket-chain";

const ID = "r_00112233445566778899aabbccddeeff";
const attempt: ClaimAttempt = {
  raffleId: ID,
  shard: 3,
  start: 40,
  slot: 42,
  previousHead: chainGenesis(ID, 3),
  ticketNumber: 17,
  codeHash: "a".repeat(64),
  codeDigest: codeDigest(ID, 17, "0123456789ABCDEF"),
  playerHash: "b".repeat(64),
  claimedAt: "2026-11-21T10:00:00.000Z",
};

describe("a claim attempt", () => {
  it("extends its shard's chain by its ticket, code digest and claim time", () => {
    expect(chainHeadAfter(attempt)).toBe(
      nextChainHead(attempt.previousHead, {
        ticket_number: 17,
        code_digest: attempt.codeDigest,
        claimed_at: attempt.claimedAt,
      }),
    );
  });

  it("creates a ticket at its place in the shard's chain: slot − start", () => {
    expect(ticketOf(attempt)).toEqual({
      raffle_id: ID,
      ticket_number: 17,
      code_hash: attempt.codeHash,
      code_digest: attempt.codeDigest,
      claimed_at: attempt.claimedAt,
      shard: 3,
      position: 2,
    });
  });
});

describe("a lost race", () => {
  it("carries on from the shard's current counter and head when the counter moved on", () => {
    expect(afterLostRace(attempt, { current: 45, head: "c".repeat(64) })).toEqual({
      next: 45,
      head: "c".repeat(64),
    });
  });

  it("carries on from another head at the same counter (our view of the chain was old)", () => {
    expect(afterLostRace(attempt, { current: 42, head: "d".repeat(64) })).toEqual({
      next: 42,
      head: "d".repeat(64),
    });
  });

  it("is an inconsistent shard when the counter went back", () => {
    expect(() => afterLostRace(attempt, { current: 41, head: "e".repeat(64) })).toThrow(
      /inconsistent/,
    );
  });

  it("is an inconsistent shard when the counter and head are the very ones we sent", () => {
    expect(() => afterLostRace(attempt, { current: 42, head: attempt.previousHead })).toThrow(
      /inconsistent/,
    );
  });
});

describe("a claim when every shard is full", () => {
  it("tells a ticket holder already_participated and anyone else sold_out", () => {
    const holder = refusalWhenFull(true);
    const other = refusalWhenFull(false);
    expect(holder).toBeInstanceOf(DomainError);
    expect(holder.code).toBe("already_participated");
    expect(other.code).toBe("sold_out");
  });
});

describe("a claim that fills its shard", () => {
  const at = attempt.claimedAt;

  it("first counts itself as one of the first shards filled, unless the raffle has one shard", () => {
    expect(firstFill(8, at, 200)).toEqual({ shardCount: 8, totalTickets: 200, last: false });
    expect(firstFill(1, at, 10)).toEqual({
      shardCount: 1,
      totalTickets: 10,
      last: true,
      soldOutAt: at,
    });
  });

  it("is the last when the counter it finds says every other shard is full; sold out at the latest fill", () => {
    const fill = firstFill(3, at, 48);
    const later = "2026-11-21T10:00:01.500Z";
    const earlier = "2026-11-21T09:59:59.000Z";
    expect(fillAfterCount(attempt, fill, { fullShards: 2, filledAt: [earlier, later] })).toEqual({
      shardCount: 3,
      totalTickets: 48,
      last: true,
      // Another shard's last claim was stamped after ours but committed first: the draw's
      // sold_out_at is the latest of the shards' last claims, and so is the event's.
      soldOutAt: later,
    });
    expect(fillAfterCount(attempt, fill, { fullShards: 2, filledAt: [earlier, earlier] })).toEqual(
      expect.objectContaining({ last: true, soldOutAt: at }),
    );
  });

  it("is not the last while fewer are full; a counter above shard_count − 1 is corrupt", () => {
    const last = fillAfterCount(attempt, firstFill(3, at, 48), {
      fullShards: 2,
      filledAt: [at, at],
    });
    expect(fillAfterCount(attempt, last, { fullShards: 1, filledAt: [at] })).toEqual({
      shardCount: 3,
      totalTickets: 48,
      last: false,
    });
    expect(() => fillAfterCount(attempt, last, { fullShards: 3, filledAt: [] })).toThrow(
      /counts more shards/,
    );
  });

  it("announces the sell-out with the raffle as a manager then sees it", () => {
    expect(soldOutView(ID, { shardCount: 2, totalTickets: 40, last: true, soldOutAt: at })).toEqual(
      {
        id: ID,
        status: "sold_out",
        total_tickets: 40,
        tickets_remaining: 0,
        sold_out_at: at,
      },
    );
  });
});
