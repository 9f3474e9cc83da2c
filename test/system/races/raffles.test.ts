// raffle.sold_out under racing claimers: many processes (as Lambda instances) and this one claim
// a raffle out across its shards; exactly one event, every ticket once (the rest of the event's
// behaviour: test/integration/raffles/sold-out-event.test.ts).
import { describe, expect, it } from "vitest";
import { shardCount } from "#platform/sharded-counter";
import { RAFFLE_SHARD_PLAN } from "#raffles/core/shards";
import { createTestRaffle, playerIp, raffleApi } from "../../support/raffle-api";
import {
  claimFromAnotherProcess,
  expectOneSoldOutEvent,
  type Outcome,
} from "../../support/sold-out";
import { untilAvailable } from "../../support/until-available";

const histogram = (outcomes: Outcome[]) => {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = `${o.status} ${o.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

describe("raffle.sold_out, raced", () => {
  it("is written once when claimers race across a raffle's 16 shards from 4 processes and this one", async () => {
    const tickets = 256;
    expect(shardCount(RAFFLE_SHARD_PLAN, tickets)).toBe(16);
    const id = await createTestRaffle(tickets);
    const [others, here] = await Promise.all([
      Promise.all([0, 1, 2, 3].map((p) => claimFromAnotherProcess(id, 10_000 * (p + 1), 64))),
      Promise.all(
        Array.from({ length: 48 }, (_, i) =>
          untilAvailable(() => raffleApi.claim(id, playerIp(90_000 + i))),
        ),
      ),
    ]);
    const outcomes: Outcome[] = [
      ...others.flat(),
      ...here.map((r) => ({ status: r.status, code: r.body.code, ticket: r.body.ticket_number })),
    ];
    expect(outcomes).toHaveLength(304);
    const won = outcomes.filter((o) => o.status === 201);
    // Every answer's status and code first: a wrong one says more than the tickets it cost.
    expect(histogram(outcomes.filter((o) => o.status !== 201))).toEqual({
      "409 sold_out": 304 - tickets,
    });
    expect(won.map((o) => o.ticket).sort((a, b) => (a as number) - (b as number))).toEqual(
      Array.from({ length: tickets }, (_, i) => i + 1),
    );
    await expectOneSoldOutEvent(id, tickets);
  }, 180_000);

  it("is written once for a small raffle (40 tickets, 3 shards) raced by 60 players", async () => {
    const tickets = 40;
    const id = await createTestRaffle(tickets);
    const outcomes = (
      await Promise.all([0, 1, 2, 3].map((p) => claimFromAnotherProcess(id, 20_000 + 100 * p, 15)))
    ).flat();
    expect(outcomes.filter((o) => o.status === 201)).toHaveLength(tickets);
    expect(outcomes.filter((o) => o.status === 409 && o.code === "sold_out")).toHaveLength(20);
    await expectOneSoldOutEvent(id, tickets);
  }, 180_000);
});
