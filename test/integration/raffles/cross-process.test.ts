import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { describe, expect, it } from "vitest";
import { createTestRaffle, raffleApi } from "../../support/raffle-api";

const run = promisify(execFile);
const WORKER = join(import.meta.dirname, "../../support/claim-worker.ts");

interface WorkerResult {
  outcomes: { status: number; code?: string; ticket?: number }[];
  reads: number;
}

/** Claims from a process of its own: a cold cache and its own stale view of the counters. */
async function claimFromAnotherProcess(id: string, first: number, count: number) {
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", WORKER, id, String(first), String(count)],
    {
      env: process.env,
      timeout: 180_000,
    },
  );
  // Its result is its one line of outcomes; the others are its logs (the run logs at DEBUG).
  const result = stdout.split("\n").find((line) => line.startsWith('{"outcomes"'));
  return JSON.parse(result ?? stdout) as WorkerResult;
}

describe("claims from several processes at once (as from several Lambda instances)", () => {
  it("hand out 1..N exactly once between them; the rest are sold_out", async () => {
    const tickets = 48;
    const id = await createTestRaffle(tickets);
    const results = await Promise.all(
      [0, 1, 2, 3].map((p) => claimFromAnotherProcess(id, 1000 * (p + 1), 30)),
    );
    const outcomes = results.flatMap((r) => r.outcomes);
    const won = outcomes.filter((o) => o.status === 201);
    expect(won).toHaveLength(tickets);
    expect(won.map((o) => o.ticket).sort((a, b) => (a as number) - (b as number))).toEqual(
      Array.from({ length: tickets }, (_, i) => i + 1),
    );
    for (const o of outcomes.filter((o) => o.status !== 201)) {
      expect(o).toMatchObject({ status: 409, code: "sold_out" });
    }
    const raffle = await raffleApi.get(id);
    expect(raffle.body).toMatchObject({ tickets_remaining: 0, status: "sold_out" });
    // Each cold process reads the raffle once, however many of its claims arrive together.
    for (const result of results) expect(result.reads).toBe(1);
  }, 120_000);
});
