// Raffles created with auto_draw draw themselves: the claim that sells the raffle out (the one
// that fills its last shard, decided by the fill counter) writes the raffle's one auto-draw work
// item in its own transaction, DynamoDB Local's real stream hands it to the auto-draw function
// (run by the local stream runner, as `npm start` runs it), and the work draws. Outcomes are
// counted, not timed.
import { type ChildProcess, spawn } from "node:child_process";
import { join } from "node:path";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { db, tableName } from "#platform/db/client";
import { raffleKeys } from "#raffles/store/keys";
import { startAutoDrawRunner } from "../../support/auto-draw-runner";
import { useBeaconClockAhead } from "../../support/beacon-clock";
import { playerIp, raffleApi } from "../../support/raffle-api";

const PROCESS = join(import.meta.dirname, "../../support/auto-draw-process.ts");
const prizes = [
  { name: "Bike", quantity: 1 },
  { name: "Mug", quantity: 4 },
];

let runner: Awaited<ReturnType<typeof startAutoDrawRunner>> | undefined;
let child: ChildProcess | undefined;
afterEach(async () => {
  await runner?.stop();
  runner = undefined;
  child?.kill("SIGKILL");
  child = undefined;
});

async function createRaffle(totalTickets: number, autoDraw: boolean, withPrizes = prizes) {
  const created = await raffleApi.create({
    name: "Self-drawing",
    total_tickets: totalTickets,
    prizes: withPrizes,
    auto_draw: autoDraw,
  });
  expect(created.status).toBe(201);
  expect(created.body.auto_draw).toBe(autoDraw);
  return created.body.id as string;
}

/** Every ticket claimed at once, by as many players. */
async function claimOut(id: string, tickets: number, from: number) {
  const claims = await Promise.all(
    Array.from({ length: tickets }, (_, i) => raffleApi.claim(id, playerIp(from + i))),
  );
  expect(claims.filter((claim) => claim.status === 201)).toHaveLength(tickets);
}

/** The raffle's auto-draw work item, where one exists (none or one: a raffle has one). */
async function workItems(id: string) {
  const { Item } = await db.send(
    new GetCommand({ TableName: tableName, Key: raffleKeys.autoDraw(id), ConsistentRead: true }),
  );
  return Item ? [Item] : [];
}

/** Waits (polling) until `check` holds; the bound only ends a failing test. */
async function eventually(check: () => Promise<boolean>, what: string, boundMs = 150_000) {
  const deadline = Date.now() + boundMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`never happened: ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

const status = async (id: string) => (await raffleApi.get(id)).body.status as string;

describe("a raffle created with auto_draw: true", () => {
  // In this process the round a sale fixes is already out: the draw does not wait real seconds.
  useBeaconClockAhead();

  it("draws itself after the sell-out, once, over the real stream; no work for other raffles", async () => {
    runner = await startAutoDrawRunner();
    // 100 tickets: 7 shards, filled concurrently; only the claim that fills the last writes work.
    const id = await createRaffle(100, true);
    const manual = await createRaffle(20, false);
    await claimOut(manual, 20, 5_000);
    await claimOut(id, 100, 0);
    await eventually(async () => (await status(id)) === "drawn", "the raffle drew itself");
    await eventually(
      async () => (await workItems(id)).every((item) => item.status !== "pending"),
      "the work ran to its end",
    );

    // One piece of work, from the sell-out, which drew.
    const items = await workItems(id);
    expect(items).toHaveLength(1);
    expect(items[0]).toMatchObject({ outbox_kind: "auto-draw", status: "drawn", winner_count: 5 });

    const winners = (await raffleApi.winners(id)).body.winners;
    expect(winners).toHaveLength(5);
    // A manager's draw call afterwards answers the very same winners (API.md), not 409.
    const draw = await raffleApi.draw(id);
    expect(draw.status).toBe(200);
    expect(draw.body.winners).toEqual(winners);

    // A raffle without auto_draw left no work and waits for its manager.
    expect(await workItems(manual)).toEqual([]);
    expect(await status(manual)).toBe("sold_out");
    expect((await raffleApi.draw(manual)).status).toBe(200);
    expect((await raffleApi.draw(manual)).body.code).toBe("already_drawn");
  });

  it("draws once when a manager draws at the same time: both answers are the same winners", async () => {
    runner = await startAutoDrawRunner();
    const id = await createRaffle(30, true);
    await claimOut(id, 30, 1_000);
    const draws = await Promise.all([raffleApi.draw(id), raffleApi.draw(id)]);
    expect(draws.map((draw) => draw.status)).toEqual([200, 200]);
    expect(draws[1]?.body.winners).toEqual(draws[0]?.body.winners);
    await eventually(
      async () => (await workItems(id)).every((item) => item.status !== "pending"),
      "the work ran",
    );
    expect((await raffleApi.winners(id)).body.winners).toEqual(draws[0]?.body.winners);
  });
});

describe("an auto-draw whose process is killed mid-draw", () => {
  it("is finished by the restarted runner: drawn once, its work run twice", async () => {
    // The runner in a process of its own, on the real beacon clock: it takes the work and
    // waits 5 to 8 s for the round; it is SIGKILLed while it holds the work (a 4 s lease).
    child = spawn(process.execPath, ["--import", "tsx", PROCESS, "4000"], {
      env: process.env,
      stdio: ["ignore", "pipe", "inherit"],
    });
    let output = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      output += chunk.toString();
    });
    await eventually(async () => output.includes("\nready\n"), "the auto-draw process started");

    const id = await createRaffle(3, true, [{ name: "Mug", quantity: 3 }]);
    await claimOut(id, 3, 2_000);
    const held = async () => (await workItems(id))[0]?.lease_until !== undefined;
    await eventually(held, "the process took the work");
    child.kill("SIGKILL");
    await new Promise((resolve) => child?.once("exit", resolve));
    child = undefined;

    const [killed] = await workItems(id);
    expect(killed).toMatchObject({ status: "pending", attempts: 1 });
    expect(await status(id)).toBe("sold_out");

    // As `npm start` restarted: the runner starts with the pending work, waits for the dead
    // run's lease to lapse, and draws.
    runner = await startAutoDrawRunner(4_000);
    await eventually(async () => (await status(id)) === "drawn", "the raffle was drawn");
    const [done] = await workItems(id);
    expect(done).toMatchObject({ status: "drawn", attempts: 2, winner_count: 3 });
    expect(done?.lease_until).toBeUndefined();

    const winners = (await raffleApi.winners(id)).body.winners;
    expect(winners).toHaveLength(3);
    expect((await raffleApi.draw(id)).body.winners).toEqual(winners);
  });
});
