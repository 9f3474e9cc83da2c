import { describe, expect, it } from "vitest";
import { DomainError } from "#platform/errors";
import {
  afterLostRace,
  type ClaimAttempt,
  chainHeadAfter,
  refusalWhenFull,
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
  fillsAutoDrawShard: false,
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
