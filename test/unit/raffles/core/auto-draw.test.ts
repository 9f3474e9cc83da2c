import { describe, expect, it } from "vitest";
import { DomainError } from "#platform/errors";
import { AUTO_DRAW_KIND, autoDrawRefusal, autoDrawWorkId } from "#raffles/core/auto-draw";
import type { ClaimAttempt } from "#raffles/core/claim";
import { seedOfDrawn } from "#raffles/core/draw-progress";
import { newRaffleRecord, type RaffleRecord } from "#raffles/core/raffle-record";
import { newRaffleMeta } from "#raffles/core/shard-hints";
import { claimTransaction } from "#raffles/store/claim-store";
import { raffleKeys } from "#raffles/store/keys";

const ID = "r_00112233445566778899aabbccddeeff";
const fields = {
  id: ID,
  name: "Self-drawing",
  totalTickets: 20,
  prizes: [{ name: "Bike", quantity: 1 }],
  createdAt: "2026-11-21T10:00:00.000Z",
  permutationKey: "00".repeat(32),
  operatorSeed: "11".repeat(32),
};

describe("auto_draw on the record", () => {
  it("is kept on the record and its cached metadata; an older record without it is false", () => {
    const record = newRaffleRecord({ ...fields, autoDraw: true });
    expect(record.auto_draw).toBe(true);
    expect(newRaffleMeta(record).autoDraw).toBe(true);
    const { auto_draw: _, ...older } = record;
    expect(newRaffleMeta(older).autoDraw).toBe(false);
  });
});

describe("a draw call on a drawn raffle", () => {
  const drawn = (autoDraw: boolean): RaffleRecord => ({
    ...newRaffleRecord({ ...fields, autoDraw }),
    status: "drawn",
    seed_for_winners: "ab".repeat(32),
  });

  it("answers the winners again when the raffle drew itself", () => {
    expect(seedOfDrawn(drawn(true))).toBe("ab".repeat(32));
  });

  it("is already_drawn for a raffle its manager draws", () => {
    expect(() => seedOfDrawn(drawn(false))).toThrow(
      expect.objectContaining({ code: "already_drawn" }),
    );
  });
});

describe("auto-draw work", () => {
  it("ends not_sold_out while other shards fill, drawn on a drawn raffle; anything else is retried", () => {
    expect(autoDrawRefusal(new DomainError("tickets_remaining", "3 left"))).toBe("not_sold_out");
    expect(autoDrawRefusal(new DomainError("already_drawn", "drawn"))).toBe("drawn");
    expect(autoDrawRefusal(new DomainError("beacon_unavailable", "later"))).toBeUndefined();
    expect(autoDrawRefusal(new Error("the store failed"))).toBeUndefined();
  });

  it("is written by the claim that fills a shard, as a fourth item of its transaction", () => {
    const attempt: ClaimAttempt = {
      raffleId: ID,
      shard: 1,
      start: 10,
      slot: 19,
      previousHead: "00".repeat(32),
      ticketNumber: 7,
      codeHash: "c".repeat(64),
      codeDigest: "d".repeat(64),
      playerHash: "e".repeat(64),
      claimedAt: "2026-11-21T10:05:00.000Z",
      fillsAutoDrawShard: true,
    };
    const items = claimTransaction(attempt).input.TransactItems ?? [];
    expect(items).toHaveLength(4);
    expect(items[3]?.Put).toMatchObject({
      ConditionExpression: "attribute_not_exists(pk)",
      Item: {
        ...raffleKeys.autoDraw(ID, 1),
        raffle_id: ID,
        shard: 1,
        outbox_kind: AUTO_DRAW_KIND,
        outbox_id: autoDrawWorkId(ID, 1),
        status: "pending",
        attempts: 0,
        created_at: attempt.claimedAt,
      },
    });
    const plain = claimTransaction({ ...attempt, fillsAutoDrawShard: false });
    expect(plain.input.TransactItems).toHaveLength(3);
  });
});
