/*
 * Work on one key served in turn inside this process: first come, first served, one turn at a
 * time, each turn taking the jobs waiting when it starts.
 * Writes that are conditioned on one item's version (a wallet, a user's monitoring state) would
 * only race each other inside one process: of N sent at once, one commits and N − 1 fail and
 * come back, N²/2 attempts for N writes, and a loser that backs off comes back to a version that
 * moved on while it slept (with two writers, one can starve for as long as the other keeps
 * posting). In turn, each job is decided once, on the version the previous turn left, and the
 * jobs of one turn share its one write.
 *
 * A lane also carries what its turns learnt (`memory`: the version the last turn committed or
 * was handed back), so the next turn starts from it rather than from an older read. The memory
 * lives while the lane has work queued and is dropped when it empties, unless the lanes keep
 * the memories of a bounded number of idle lanes (for work that takes them as lower bounds next
 * to a fresh read, or judges on them under a write's condition that hands back the newer state
 * when they are out of date); the map of lanes holds only keys with work in flight. The conditional
 * writes alone keep the data correct (another process may still write between turns): turns
 * only spare the attempts that were bound to fail.
 */

/** One key's lane as a turn sees it: what the turns before it learnt. */
export interface Lane<M> {
  memory: M | undefined;
}

/** What a turn came to: its work's value, or `{ ran: false }` when the deadline passed in the queue. */
export type TurnResult<R> = { ran: true; value: R } | { ran: false };

/** One queued request of a lane: its item, and how to answer it. */
export interface Job<T, R> {
  item: T;
  /** Epoch ms (`Date.now()` clock) after which the job is answered `{ ran: false }`. */
  deadline: number;
  settle(outcome: TurnResult<R> | { error: unknown }): void;
}

interface BatchLane<T, R, M> extends Lane<M> {
  queue: Job<T, R>[];
}

/**
 * Lanes of work by key, each served one turn at a time, first come first served, where one turn
 * takes every job waiting (up to `maxBatch`): work whose writes can share one transaction
 * (group commit), so a queue of N costs about one write per turn instead of N. `serve` must settle each job it is given, exactly once; a job
 * left unsettled is answered with an error, a job whose deadline passes while it waits with
 * `{ ran: false }`.
 */
export class Turns<T, R, M> {
  private readonly lanes = new Map<string, BatchLane<T, R, M>>();
  /** The memories of idle lanes, most recently used last: at most `keep` of them. */
  private readonly kept = new Map<string, M>();

  /**
   * `keep`: how many idle lanes' memories to keep (0: none), for work whose writes' conditions
   * catch a memory that is out of date (a version only grows).
   */
  constructor(
    private readonly maxBatch: number,
    private readonly serve: (key: string, jobs: Job<T, R>[], lane: Lane<M>) => Promise<void>,
    private readonly keep = 0,
  ) {}

  /** Keys with work queued or running (0 when idle: nothing is kept). */
  get activeKeys() {
    return this.lanes.size;
  }

  /** Queues `item` on `key`'s lane: its answer, or `{ ran: false }` past `deadlineMs`. */
  submit(key: string, item: T, deadlineMs: number): Promise<TurnResult<R>> {
    return new Promise<TurnResult<R>>((resolve, reject) => {
      let settled = false;
      let timer: NodeJS.Timeout | undefined;
      const job: Job<T, R> = {
        item,
        deadline: deadlineMs,
        settle(outcome) {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          if ("error" in outcome) reject(outcome.error);
          else resolve(outcome);
        },
      };
      let lane = this.lanes.get(key);
      const idle = !lane;
      if (!lane) {
        lane = { queue: [], memory: this.kept.get(key) };
        this.kept.delete(key);
        this.lanes.set(key, lane);
      }
      lane.queue.push(job);
      const waiting = lane;
      // Still queued at its deadline: leave the queue unanswered by serve.
      timer = setTimeout(
        () => {
          const at = waiting.queue.indexOf(job);
          if (at < 0) return;
          waiting.queue.splice(at, 1);
          job.settle({ ran: false });
        },
        Math.max(0, deadlineMs - Date.now()),
      );
      if (idle) void this.drain(key, lane);
    });
  }

  private async drain(key: string, lane: BatchLane<T, R, M>) {
    // Let the jobs that arrive in the same tick join the first batch.
    await Promise.resolve();
    while (lane.queue.length > 0) {
      const jobs = lane.queue.splice(0, this.maxBatch);
      try {
        await this.serve(key, jobs, lane);
        for (const job of jobs) job.settle({ error: new Error("a batched job was not answered") });
      } catch (error) {
        for (const job of jobs) job.settle({ error });
      }
    }
    this.lanes.delete(key);
    if (this.keep > 0 && lane.memory !== undefined) {
      this.kept.set(key, lane.memory);
      for (const oldest of this.kept.keys()) {
        if (this.kept.size <= this.keep) break;
        this.kept.delete(oldest);
      }
    }
  }
}
