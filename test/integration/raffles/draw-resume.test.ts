import { GetCommand, QueryCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { db, tableName } from "#platform/db/client";
import { winnersFromSeed } from "#raffles/core/draw-algorithm";
import { byTicketNumber } from "#raffles/core/prizes";
import { raffleKeys } from "#raffles/store/keys";
import { setBeaconClock, useBeaconClockAhead } from "../../support/beacon-clock";
import { claimInOrder, createTestRaffle, expectProblem, raffleApi } from "../../support/raffle-api";

useBeaconClockAhead();

/** The winners that follow from a recorded seed_for_winners. */
const winnersOf = (seed: unknown) => byTicketNumber(winnersFromSeed(seed as string, 40, prizes));

const prizes = [
  { name: "Gold", quantity: 1 },
  { name: "Silver", quantity: 29 },
];

/** Fails every BatchWriteItem after the first `allowed`: the draw dies half-way. */
function killBatchWritesAfter(allowed: number) {
  let calls = 0;
  db.middlewareStack.add(
    (next, context) => async (args) => {
      if (context.commandName === "BatchWriteItemCommand" && calls++ >= allowed) {
        throw new Error("injected: the function died");
      }
      return next(args);
    },
    { step: "finalizeRequest", name: "killDraw", priority: "low" },
  );
}

afterEach(() => {
  db.middlewareStack.remove("killDraw");
});

const raffleItem = async (id: string) =>
  (await db.send(new GetCommand({ TableName: tableName, Key: raffleKeys.raffle(id) }))).Item;
const winnerItems = async (id: string) =>
  (
    await db.send(
      new QueryCommand({
        TableName: tableName,
        KeyConditionExpression: "pk = :pk",
        ExpressionAttributeValues: { ":pk": raffleKeys.winnerPartition(id, 0) },
      }),
    )
  ).Items ?? [];

describe("an interrupted draw", () => {
  it("resumes from its recorded inputs to the very same winners, without asking the beacon again", async () => {
    const id = await createTestRaffle(40, prizes);
    const claimed = await claimInOrder(id, 40);
    killBatchWritesAfter(1);
    expectProblem(await raffleApi.draw(id), 500, "internal_error");

    const halfDone = await raffleItem(id);
    expect(halfDone?.status).toBe("drawing");
    expect(halfDone?.seed_for_winners).toMatch(/^[0-9a-f]{64}$/);
    expect(halfDone?.beacon).toMatchObject({ network: "local", round: expect.any(Number) });
    const written = await winnerItems(id);
    expect(written.length).toBeGreaterThan(0);
    expect(written.length).toBeLessThan(30);
    expectProblem(await raffleApi.winners(id), 409, "not_drawn");
    const first = claimed[0] as (typeof claimed)[number];
    const pending = await raffleApi.verify(id, first.ticket_number, {
      verification_code: first.verification_code,
    });
    expect(pending.body.status).toBe("pending");
    expect((await raffleApi.get(id)).body.status).toBe("sold_out");

    db.middlewareStack.remove("killDraw");
    // Were the resumed draw to fetch a round again, it would find the beacon's clock gone back.
    const undo = setBeaconClock(0);
    const resumed = await raffleApi.draw(id);
    undo();
    expect(resumed.status).toBe(200);
    const expected = winnersOf(halfDone?.seed_for_winners);
    expect(resumed.body.winners).toEqual(expected);
    for (const item of written) {
      expect(expected).toContainEqual({ prize: item.prize, ticket_number: item.ticket_number });
    }
    expect(await winnerItems(id)).toHaveLength(30);
    expect((await raffleApi.winners(id)).body.winners).toEqual(expected);
    const drawn = await raffleItem(id);
    for (const field of ["seed_for_winners", "beacon", "register_digest", "sold_out_at"]) {
      expect(drawn?.[field]).toEqual(halfDone?.[field]);
    }
    expectProblem(await raffleApi.draw(id), 409, "already_drawn");
  });
});

describe("concurrent draws", () => {
  it("yield one set of winners", async () => {
    const id = await createTestRaffle(40, prizes);
    await claimInOrder(id, 40, 100);
    const responses = await Promise.all(Array.from({ length: 6 }, () => raffleApi.draw(id)));
    const succeeded = responses.filter((r) => r.status === 200);
    expect(succeeded.length).toBeGreaterThanOrEqual(1);
    for (const r of responses.filter((r) => r.status !== 200)) {
      expectProblem(r, 409, "already_drawn");
    }
    const winners = succeeded[0]?.body.winners;
    for (const r of succeeded) expect(r.body.winners).toEqual(winners);
    expect(winners).toHaveLength(30);
    expect((await raffleApi.winners(id)).body.winners).toEqual(winners);
    expect(await winnerItems(id)).toHaveLength(30);
  });

  it("a draw that finds another's recorded inputs uses them, never a second set", async () => {
    const id = await createTestRaffle(40, prizes);
    await claimInOrder(id, 40, 200);
    killBatchWritesAfter(0);
    await raffleApi.draw(id);
    const seed = (await raffleItem(id))?.seed_for_winners;
    db.middlewareStack.remove("killDraw");
    const [a, b] = await Promise.all([raffleApi.draw(id), raffleApi.draw(id)]);
    const ok = [a, b].filter((r) => r?.status === 200);
    expect(ok.length).toBeGreaterThanOrEqual(1);
    for (const r of ok) expect(r?.body.winners).toEqual(winnersOf(seed));
    expect((await raffleItem(id))?.seed_for_winners).toBe(seed);
  });
});
