// raffle.sold_out under racing claimers: many processes (as Lambda instances) and this one claim
// a raffle out across its shards; exactly one event, every ticket once (the rest of the event's
// behaviour: test/integration/raffles/sold-out-event.test.ts).
import { describe, expect, it } from "vitest";
import { shardCount } from "#platform/sharded-counter";
import { RAFFLE_SHARD_PLAN } from "#raffles/core/shards";
import { createTestRaffle, playerIp, raffleApi } from "../../support/raffle-api";
import {
  claimFromAnotherProcess,
  expectClaimedOut,
  expectOneSoldOutEvent,
  type Outcome,
} from "../../support/sold-out";
import { untilAvailable } from "../../support/until-available";

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
      ...others.flatMap((r) => r.outcomes),
      ...here.map((r) => ({
        status: r.status,
        code: r.body.code,
        ticket: r.body.ticket_number,
        unavailable: r.unavailable,
      })),
    ];
    expect(outcomes).toHaveLength(304);
    await expectOneSoldOutEvent(id, tickets, expectClaimedOut(outcomes, tickets));
  }, 300_000);

  it("is written once for a small raffle (40 tickets, 3 shards) raced by 60 players", async () => {
    const tickets = 40;
    const id = await createTestRaffle(tickets);
    const outcomes = (
      await Promise.all([0, 1, 2, 3].map((p) => claimFromAnotherProcess(id, 20_000 + 100 * p, 15)))
    ).flatMap((r) => r.outcomes);
    expect(outcomes).toHaveLength(60);
    await expectOneSoldOutEvent(id, tickets, expectClaimedOut(outcomes, tickets));
  }, 300_000);
});
