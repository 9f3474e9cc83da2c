import { describe, expect, it } from "vitest";
import { createTestRaffle, raffleApi } from "../../support/raffle-api";
import { claimFromAnotherProcess, expectClaimedOut } from "../../support/sold-out";

describe("claims from several processes at once (as from several Lambda instances)", () => {
  it("hand out 1..N exactly once between them; the rest are sold_out", async () => {
    const tickets = 48;
    const id = await createTestRaffle(tickets);
    const results = await Promise.all(
      [0, 1, 2, 3].map((p) => claimFromAnotherProcess(id, 1000 * (p + 1), 30)),
    );
    const outcomes = results.flatMap((r) => r.outcomes);
    expect(outcomes).toHaveLength(120);
    const won = expectClaimedOut(outcomes, tickets);
    expect(won.every((n) => n >= 1 && n <= tickets)).toBe(true);
    const raffle = await raffleApi.get(id);
    expect(raffle.body).toMatchObject({ tickets_remaining: 0, status: "sold_out" });
    // Each cold process reads the raffle once, however many of its claims arrive together.
    for (const result of results) expect(result.reads).toBe(1);
  }, 300_000);
});
