import { describe, expect, it } from "vitest";
import { DomainError } from "#platform/errors";
import { AUTO_DRAW_KIND, autoDrawRefusal, autoDrawWorkId } from "#raffles/core/auto-draw";
import type { ClaimAttempt } from "#raffles/core/claim";
import { seedOfDrawn } from "#raffles/core/draw-progress";
import { newRaffleRecord, type RaffleRecord } from "#raffles/core/raffle-record";
import { newRaffleMeta } from "#raffles/core/shard-hints";
import { claimTransaction } from "#raffles/store/claim-store";
import { raffleKeys } from "#raffles/store/keys";
import { webhookEventPut } from "#webhooks";

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
  it("ends drawn on a drawn raffle, not_sold_out (never expected) on tickets remaining; anything else is retried", () => {
    expect(autoDrawRefusal(new DomainError("tickets_remaining", "3 left"))).toBe("not_sold_out");
    expect(autoDrawRefusal(new DomainError("already_drawn", "drawn"))).toBe("drawn");
    expect(autoDrawRefusal(new DomainError("beacon_unavailable", "later"))).toBeUndefined();
    expect(autoDrawRefusal(new Error("the store failed"))).toBeUndefined();
  });

  it("is written only by the claim that sells the raffle out, beside its event", () => {
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
      fill: { shardCount: 2, totalTickets: 20, last: true, soldOutAt: "2026-11-21T10:05:01.000Z" },
    };
    const event = webhookEventPut("raffle.sold_out", { id: ID }, Date.parse(attempt.claimedAt));
    const items = claimTransaction(attempt, { event, autoDraw: true }).input.TransactItems ?? [];
    // Shard, ticket, lock, the fill counter, the event, the work.
    expect(items).toHaveLength(6);
    expect(items[3]?.Update).toMatchObject({
      Key: raffleKeys.fills(ID),
      ConditionExpression: "full_shards = :last",
      ExpressionAttributeValues: expect.objectContaining({ ":last": 1 }),
    });
    expect(items[4]).toBe(event);
    expect(items[5]?.Put).toMatchObject({
      ConditionExpression: "attribute_not_exists(pk)",
      Item: {
        ...raffleKeys.autoDraw(ID),
        raffle_id: ID,
        outbox_kind: AUTO_DRAW_KIND,
        outbox_id: autoDrawWorkId(ID),
        status: "pending",
        attempts: 0,
        created_at: "2026-11-21T10:05:01.000Z",
      },
    });
    // Without auto_draw: the event, no work.
    expect(claimTransaction(attempt, { event, autoDraw: false }).input.TransactItems).toHaveLength(
      5,
    );
    // A shard filled before the last: the counter only.
    const earlier = claimTransaction({
      ...attempt,
      fill: { shardCount: 2, totalTickets: 20, last: false },
    }).input.TransactItems;
    expect(earlier).toHaveLength(4);
    expect(earlier?.[3]?.Update?.ConditionExpression).toBe(
      "attribute_not_exists(full_shards) OR full_shards < :last",
    );
    const { fill: _, ...plain } = attempt;
    expect(claimTransaction(plain).input.TransactItems).toHaveLength(3);
  });
});
