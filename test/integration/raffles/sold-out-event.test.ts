// `raffle.sold_out` is written in the transaction of the claim that takes the raffle's last
// ticket, exactly once per raffle: the claim that fills a shard counts it on the raffle's fill
// counter, on condition of the count (shared/raffles/core/claim.ts, ShardFill), and only the one
// that fills the last shard passes as the last. The events are counted by a Query of the outbox's
// lists, exactly. Claimers racing from processes of their own: test/system/races/raffles.test.ts.
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { describe, expect, it } from "vitest";
import { db, requestCounter, tableName } from "#platform/db/client";
import { raffleKeys } from "#raffles/store/keys";
import { forgetRaffleMeta } from "#raffles/store/raffle-meta-cache";
import { raffleMeta } from "#raffles/store/raffle-store";
import { recordConsumedCapacity } from "../../support/consumed-capacity";
import { claimInOrder, createTestRaffle, playerIp, raffleApi } from "../../support/raffle-api";
import { expectOneSoldOutEvent, fills, soldOutEvents } from "../../support/sold-out";

describe("raffle.sold_out", () => {
  it("is written by the last claim even when its process has not seen the other shards fill", async () => {
    // The case that rules out deciding "last" from a process's own view of the shards: a warm
    // instance whose view of the other shard is stale (it never tried it since it filled).
    const tickets = 32;
    const id = await createTestRaffle(tickets);
    await claimInOrder(id, tickets - 1, 60_000);
    const fresh = await raffleMeta(id);
    const open = fresh.shards.isFull(0) ? 1 : 0;
    const other = 1 - open;
    expect(fresh.shards.isFull(other)).toBe(true);
    forgetRaffleMeta(id);
    const stale = await raffleMeta(id);
    // It knows the open shard's count (the last slot is next) but not that the other filled,
    // and a claim of its own is in flight on that other one, so this claim goes to the open one.
    stale.shards.advance(
      open,
      fresh.shards.next[open] as number,
      fresh.shards.head[open] as string,
    );
    stale.shards.inFlight[other] = 1;
    requestCounter.reset();
    let last: Awaited<ReturnType<typeof raffleApi.claim>>;
    try {
      last = await raffleApi.claim(id, playerIp(60_000 + tickets));
    } finally {
      stale.shards.inFlight[other] = 0;
    }
    const requests = { ...requestCounter.byCommand };
    expect(last.status).toBe(201);
    expect(stale.shards.isFull(other)).toBe(false);
    await expectOneSoldOutEvent(id, tickets);
    // Not the last by its own view; the counter's condition said otherwise, with no read.
    expect(requests).toEqual({ TransactWriteItemsCommand: 2 });
  });

  it("is not written before the last ticket; the last claim writes it, one TransactWriteItems more", async () => {
    const tickets = 40;
    const id = await createTestRaffle(tickets);
    await claimInOrder(id, tickets - 1, 30_000);
    expect(await soldOutEvents(id)).toEqual([]);
    // Every shard but the one holding the last ticket is full and counted.
    expect(await fills(id)).toMatchObject({ full_shards: 2 });
    expect((await raffleApi.get(id)).body).toMatchObject({ status: "open", tickets_remaining: 1 });

    requestCounter.reset();
    const last = await raffleApi.claim(id, playerIp(30_000 + tickets));
    expect(last.status).toBe(201);
    // Tried as "not the last" first (the failed condition returns the counter), then as the last.
    expect(requestCounter.byCommand).toEqual({ TransactWriteItemsCommand: 2 });
    await expectOneSoldOutEvent(id, tickets);

    // Refusals after the sell-out write nothing more.
    expect((await raffleApi.claim(id, playerIp(30_000 + tickets + 1))).body.code).toBe("sold_out");
    expect(await soldOutEvents(id)).toHaveLength(1);
  });
});

describe("what the fill counter adds to a claim (docs/scale.md)", () => {
  it("nothing to an ordinary claim; an Update to a shard-filling one; the last is tried twice and adds the event", async () => {
    // 2 shards of 16: the 16th claim of a shard fills it; the claim filling the second sells out.
    const tickets = 32;
    const id = await createTestRaffle(tickets);
    await claimInOrder(id, 1, 40_000); // the raffle's terms cached, as in a warm function
    const costs: { kind: string; requests: Record<string, number>; writeUnits: number }[] = [];
    let full = 0;
    for (let i = 1; i < tickets; i++) {
      const units = recordConsumedCapacity();
      requestCounter.reset();
      const answer = await raffleApi.claim(id, playerIp(40_000 + i));
      const requests = { ...requestCounter.byCommand };
      units.stop();
      expect(answer.status).toBe(201);
      const now = ((await fills(id))?.full_shards as number | undefined) ?? 0;
      const kind = now === full ? "ordinary" : now === 2 ? "last" : "filling";
      full = now;
      costs.push({ kind, requests, writeUnits: units.write });
    }
    const of = (kind: string) => costs.filter((cost) => cost.kind === kind);
    expect(of("filling")).toHaveLength(1);
    expect(of("last")).toHaveLength(1);
    for (const cost of of("ordinary")) {
      expect(cost).toEqual({
        kind: "ordinary",
        requests: { TransactWriteItemsCommand: 1 },
        writeUnits: 7,
      });
    }
    // The fill counter's Update: 2 write units (a transactional write of a small item).
    expect(of("filling")[0]).toEqual({
      kind: "filling",
      requests: { TransactWriteItemsCommand: 1 },
      writeUnits: 9,
    });
    // A first try cancelled by the counter's condition (which returns the counter: no read),
    // then the transaction that commits: the counter's Update and the event's Put (2 write
    // units and 1 for its outbox index entry). The recorder counts the committed one only.
    expect(of("last")[0]).toEqual({
      kind: "last",
      requests: { TransactWriteItemsCommand: 2 },
      writeUnits: 12,
    });
  });

  it("sells a one-shard auto_draw raffle out in one transaction: counter, event and draw work", async () => {
    const created = await raffleApi.create({
      name: "One shard",
      total_tickets: 16,
      prizes: [{ name: "Mug", quantity: 1 }],
      auto_draw: true,
    });
    const id = created.body.id as string;
    await claimInOrder(id, 15, 50_000);
    expect(await soldOutEvents(id)).toEqual([]);
    const units = recordConsumedCapacity();
    requestCounter.reset();
    const last = await raffleApi.claim(id, playerIp(50_015));
    const requests = { ...requestCounter.byCommand };
    units.stop();
    expect(last.status).toBe(201);
    // One shard: its filling claim is the last at once (no first try as "not the last").
    expect(requests).toEqual({ TransactWriteItemsCommand: 1 });
    // 7 + the counter (2) + the event (3) + the auto-draw work (2, and 1 for its index entry).
    expect(units.write).toBe(15);
    await expectOneSoldOutEvent(id, 16);
    const { Item: work } = await db.send(
      new GetCommand({ TableName: tableName, Key: raffleKeys.autoDraw(id), ConsistentRead: true }),
    );
    expect(work).toMatchObject({ outbox_kind: "auto-draw", status: "pending" });
  });
});
