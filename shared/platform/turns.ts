/*
 * Work on one key served in turn inside this process: first come, first served, one at a time.
 * Writes that are conditioned on one item's version (a wallet, a user's monitoring state) would
 * only race each other inside one process: of N sent at once, one commits and N − 1 fail and
 * come back, N²/2 attempts for N writes, and a loser that backs off comes back to a version that
 * moved on while it slept (with two writers, one can starve for as long as the other keeps
 * posting). In turn, each write is sent once, on the version the previous one left.
 *
 * A lane also carries what its turns learnt (`memory`: the version the last turn committed or
 * was handed back), so the next turn starts from it rather than from an older read. The memory
 * lives while the lane has work queued and is dropped when it empties: nothing is cached
 * between bursts, and the map holds only keys with work in flight. The conditional writes alone
 * keep the data correct (another process may still write between turns): turns only spare the
 * attempts that were bound to fail.
 */

/** One key's lane as a turn sees it: what the turns before it learnt. */
export interface Lane<M> {
  memory: M | undefined;
}

interface LaneState<M> extends Lane<M> {
  /** Settles when the latest queued turn has ended: the next one waits for it. */
  tail: Promise<void>;
  queued: number;
}

/** What a turn came to: its work's value, or `expired` when the deadline passed in the queue. */
export type TurnResult<R> = { ran: true; value: R } | { ran: false };

/** Lanes of work by key, each served in turn. */
export class Turns<M> {
  private readonly lanes = new Map<string, LaneState<M>>();

  /** Keys with work queued or running (0 when idle: nothing is kept). */
  get activeKeys() {
    return this.lanes.size;
  }

  /**
   * Runs `work` once every turn queued before it on `key` has ended; `{ ran: false }` (work not
   * run) when `deadlineMs` (epoch ms, `Date.now()` clock) passes first. A turn that gives up
   * leaves the order of the others as it was.
   */
  async run<R>(
    key: string,
    deadlineMs: number,
    work: (lane: Lane<M>) => Promise<R>,
  ): Promise<TurnResult<R>> {
    let lane = this.lanes.get(key);
    if (!lane) {
      lane = { tail: Promise.resolve(), queued: 0, memory: undefined };
      this.lanes.set(key, lane);
    }
    const current = lane;
    const previous = current.tail;
    let finish = () => {};
    const ended = new Promise<void>((resolve) => {
      finish = resolve;
    });
    current.tail = ended;
    current.queued++;
    const leave = () => {
      current.queued--;
      if (current.queued === 0 && this.lanes.get(key) === current) this.lanes.delete(key);
    };
    let timer: NodeJS.Timeout | undefined;
    const turn = await Promise.race([
      previous.then(() => true),
      new Promise<false>((resolve) => {
        timer = setTimeout(() => resolve(false), Math.max(0, deadlineMs - Date.now()));
      }),
    ]);
    clearTimeout(timer);
    if (!turn) {
      // Whoever queued after us waits for whoever queued before us.
      void previous.then(() => {
        leave();
        finish();
      });
      return { ran: false };
    }
    try {
      return { ran: true, value: await work(current) };
    } finally {
      leave();
      finish();
    }
  }
}
