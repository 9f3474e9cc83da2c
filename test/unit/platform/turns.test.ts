import { describe, expect, it } from "vitest";
import { type Job, Turns } from "#platform/turns";

const tick = (ms = 5) => new Promise((resolve) => setTimeout(resolve, ms));
const far = () => Date.now() + 60_000;

describe("work served in turn per key, a turn taking the jobs waiting (group commit)", () => {
  it("serves the jobs waiting when a turn starts in one batch, in arrival order, up to the cap", async () => {
    const batches: number[][] = [];
    const turns = new Turns<number, number, never>(3, async (_key, jobs) => {
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
    const turns = new Turns<number, number, never>(1, async (_key, jobs) => {
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
    const turns = new Turns<number, number, never>(5, async (_key, jobs: Job<number, number>[]) => {
      if (jobs.some((job) => job.item === 9)) throw new Error("store down");
      jobs[0]?.settle({ ran: true, value: 0 });
    });
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
    const keeping = new Turns<number, number, string>(5, serve, 2);
    for (const key of ["a", "b", "c", "a", "c"]) {
      await keeping.submit(key, 1, far());
      await tick(1); // the lane empties once its answer is out
    }
    // "a" was pushed out by "b" and "c" (2 kept); "c" was kept.
    expect(seen).toEqual([undefined, undefined, undefined, undefined, "c after 1"]);
    seen.length = 0;
    const forgetting = new Turns<number, number, string>(5, serve);
    for (const key of ["a", "a"]) {
      await forgetting.submit(key, 1, far());
      await tick(1);
    }
    expect(seen).toEqual([undefined, undefined]);
  });

  it("serves other keys alongside, and passes on the turn when a job's work throws", async () => {
    const started: string[] = [];
    const turns = new Turns<string, string, never>(1, async (key, jobs) => {
      started.push(key);
      await tick();
      for (const job of jobs) {
        if (job.item === "boom") throw new Error("refused");
        job.settle({ ran: true, value: job.item });
      }
    });
    const [a, b, failing, next] = [
      turns.submit("a", "a1", far()),
      turns.submit("b", "b1", far()),
      turns.submit("c", "boom", far()),
      turns.submit("c", "c2", far()),
    ];
    expect(started).toEqual([]);
    await tick(1);
    expect(started).toEqual(["a", "b", "c"]);
    expect(await a).toEqual({ ran: true, value: "a1" });
    expect(await b).toEqual({ ran: true, value: "b1" });
    await expect(failing).rejects.toThrow("refused");
    expect(await next).toEqual({ ran: true, value: "c2" });
    await tick(1);
    expect(turns.activeKeys).toBe(0);
  });
});
