import { describe, expect, it } from "vitest";
import { BatchedTurns, type Job, Turns } from "#platform/turns";

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));
const far = () => Date.now() + 60_000;

describe("work served in turn per key", () => {
  it("runs one key's work one at a time, in arrival order, and other keys alongside", async () => {
    const turns = new Turns<number>();
    const log: string[] = [];
    let running = 0;
    let most = 0;
    const job = (key: string, name: string) =>
      turns.run(key, far(), async () => {
        running++;
        most = Math.max(most, key === "a" ? running : most);
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        running--;
        return name;
      });
    const results = await Promise.all([job("a", "a1"), job("a", "a2"), job("a", "a3")]);
    expect(results).toEqual([
      { ran: true, value: "a1" },
      { ran: true, value: "a2" },
      { ran: true, value: "a3" },
    ]);
    expect(log).toEqual(["a1 start", "a1 end", "a2 start", "a2 end", "a3 start", "a3 end"]);
    expect(most).toBe(1);
    const both = await Promise.all([job("b", "b1"), job("c", "c1")]);
    expect(both.every((r) => r.ran)).toBe(true);
    expect(log.slice(6, 8)).toEqual(["b1 start", "c1 start"]);
  });

  it("hands each turn what the one before it learnt, and forgets it once the lane is idle", async () => {
    const turns = new Turns<number>();
    const seen: (number | undefined)[] = [];
    await Promise.all(
      [1, 2, 3].map((n) =>
        turns.run("k", far(), async (lane) => {
          seen.push(lane.memory);
          lane.memory = n;
        }),
      ),
    );
    expect(seen).toEqual([undefined, 1, 2]);
    expect(turns.activeKeys).toBe(0);
    await turns.run("k", far(), async (lane) => {
      seen.push(lane.memory);
    });
    expect(seen.at(-1)).toBeUndefined();
  });

  it("gives up a turn whose deadline passes in the queue, without running it or reordering the rest", async () => {
    const turns = new Turns<number>();
    const log: string[] = [];
    let release = () => {};
    const first = turns.run("k", far(), async () => {
      log.push("first");
      await new Promise<void>((resolve) => {
        release = resolve;
      });
    });
    const late = turns.run("k", Date.now() + 20, async () => {
      log.push("late");
    });
    const third = turns.run("k", far(), async () => {
      log.push("third");
    });
    expect(await late).toEqual({ ran: false });
    expect(log).toEqual(["first"]);
    release();
    await Promise.all([first, third]);
    expect(log).toEqual(["first", "third"]);
    expect(turns.activeKeys).toBe(0);
  });

  it("passes on the turn when work throws", async () => {
    const turns = new Turns<number>();
    const failing = turns.run("k", far(), async () => {
      throw new Error("refused");
    });
    const next = turns.run("k", far(), async () => "ok");
    await expect(failing).rejects.toThrow("refused");
    expect(await next).toEqual({ ran: true, value: "ok" });
    expect(turns.activeKeys).toBe(0);
  });
});

describe("batched turns (group commit)", () => {
  it("serves the jobs waiting when a turn starts in one batch, in arrival order, up to the cap", async () => {
    const batches: number[][] = [];
    const turns = new BatchedTurns<number, number, never>(3, async (_key, jobs) => {
      batches.push(jobs.map((job) => job.item));
      await tick();
      for (const job of jobs) job.settle({ ran: true, value: job.item * 10 });
    });
    const results = await Promise.all([1, 2, 3, 4, 5].map((n) => turns.submit("k", n, far())));
    expect(results.map((r) => (r.ran ? r.value : -1))).toEqual([10, 20, 30, 40, 50]);
    expect(batches).toEqual([
      [1, 2, 3],
      [4, 5],
    ]);
    expect(turns.activeKeys).toBe(0);
  });

  it("answers a job that waits past its deadline with ran: false, never serving it", async () => {
    const served: number[] = [];
    let release = () => {};
    const turns = new BatchedTurns<number, number, never>(1, async (_key, jobs) => {
      for (const job of jobs) served.push(job.item);
      if (jobs[0]?.item === 1) {
        await new Promise<void>((resolve) => {
          release = resolve;
        });
      }
      for (const job of jobs) job.settle({ ran: true, value: job.item });
    });
    const first = turns.submit("k", 1, far());
    await tick();
    const late = turns.submit("k", 2, Date.now() + 20);
    expect(await late).toEqual({ ran: false });
    release();
    expect(await first).toEqual({ ran: true, value: 1 });
    expect(served).toEqual([1]);
  });

  it("answers with an error a job its turn left unanswered, or every job when the turn throws", async () => {
    const turns = new BatchedTurns<number, number, never>(
      5,
      async (_key, jobs: Job<number, number>[]) => {
        if (jobs.some((job) => job.item === 9)) throw new Error("store down");
        jobs[0]?.settle({ ran: true, value: 0 });
      },
    );
    const [answered, forgotten] = [turns.submit("a", 1, far()), turns.submit("a", 2, far())];
    expect(await answered).toEqual({ ran: true, value: 0 });
    await expect(forgotten).rejects.toThrow("not answered");
    await expect(turns.submit("b", 9, far())).rejects.toThrow("store down");
  });

  it("keeps the memories of the last `keep` idle lanes, and none by default", async () => {
    const seen: (string | undefined)[] = [];
    const serve = async (key: string, jobs: Job<number, number>[], lane: { memory?: string }) => {
      seen.push(lane.memory);
      lane.memory = `${key} after ${jobs.length}`;
      for (const job of jobs) job.settle({ ran: true, value: 0 });
    };
    const keeping = new BatchedTurns<number, number, string>(5, serve, 2);
    for (const key of ["a", "b", "c", "a", "c"]) {
      await keeping.submit(key, 1, far());
      await tick(1); // the lane empties once its answer is out
    }
    // "a" was pushed out by "b" and "c" (2 kept); "c" was kept.
    expect(seen).toEqual([undefined, undefined, undefined, undefined, "c after 1"]);
    seen.length = 0;
    const forgetting = new BatchedTurns<number, number, string>(5, serve);
    for (const key of ["a", "a"]) {
      await forgetting.submit(key, 1, far());
      await tick(1);
    }
    expect(seen).toEqual([undefined, undefined]);
  });
});
