import { shardRange } from "#platform/sharded-counter";
import { createPermutation, type Permutation } from "./permutation";
import { chainGenesis } from "./ticket-chain";

/** What a raffle never changes after creation, plus what this process knows of its shards. */
export interface RaffleMeta {
  id: string;
  totalTickets: number;
  permutation: Permutation;
  shards: ShardHints;
  /** Whether the claim that sells the raffle out writes its auto-draw work. */
  autoDraw: boolean;
}

/**
 * This process's knowledge of a raffle's shard counters. `next[i]` is a lower bound of shard i's
 * counter and `head[i]` the head of its claim chain at that count: counters only grow, so a
 * stale value costs one failed attempt (which returns the current value and head), never a wrong
 * ticket or a broken chain; and a shard seen full stays full.
 */
export class ShardHints {
  readonly start: number[];
  readonly end: number[];
  readonly next: number[];
  readonly head: string[];
  /** Claims of this process in flight per shard: they would only race each other. */
  readonly inFlight: number[];
  private readonly waiting: (() => void)[] = [];

  constructor(raffleId: string, totalTickets: number, count: number) {
    const ranges = Array.from({ length: count }, (_, i) => shardRange(totalTickets, count, i));
    this.start = ranges.map((range) => range.start);
    this.end = ranges.map((range) => range.end);
    this.next = [...this.start];
    this.head = ranges.map((_, i) => chainGenesis(raffleId, i));
    this.inFlight = ranges.map(() => 0);
  }

  get count() {
    return this.start.length;
  }

  /** Records a counter value and the chain head that goes with it, seen in the table or written by us. */
  advance(shard: number, value: number, head: string) {
    if (value < (this.next[shard] as number)) return;
    this.next[shard] = value;
    this.head[shard] = head;
  }

  isFull(shard: number) {
    return (this.next[shard] as number) >= (this.end[shard] as number);
  }

  /**
   * Takes a random shard not known to be full for one attempt, or undefined when every shard is
   * full. Two attempts of this process on one shard would send the same expected value and all
   * but one would fail, so while every open shard has an attempt in flight we wait for one to
   * finish. This only saves doomed requests: the conditional write alone keeps claims correct.
   */
  async acquire(random: (bound: number) => number): Promise<number | undefined> {
    for (;;) {
      const open = this.start.map((_, i) => i).filter((i) => !this.isFull(i));
      if (open.length === 0) return undefined;
      const idle = open.filter((i) => this.inFlight[i] === 0);
      const shard = idle[random(Math.max(1, idle.length))];
      if (shard !== undefined) {
        this.inFlight[shard] = (this.inFlight[shard] as number) + 1;
        return shard;
      }
      await new Promise<void>((resolve) => this.waiting.push(resolve));
    }
  }

  /** Ends an attempt on a shard taken with acquire(). */
  release(shard: number) {
    this.inFlight[shard] = (this.inFlight[shard] as number) - 1;
    for (const wake of this.waiting.splice(0)) wake();
  }

  /** Slots not known to be taken; exact once every shard that is not full has been read. */
  remaining() {
    return this.end.reduce((sum, end, i) => sum + end - (this.next[i] as number), 0);
  }
}

/** A raffle's metadata from its stored fields: they never change after creation. */
export function newRaffleMeta(record: {
  id: string;
  total_tickets: number;
  shard_count: number;
  permutation_key: string;
  auto_draw?: boolean | undefined;
}): RaffleMeta {
  return {
    id: record.id,
    totalTickets: record.total_tickets,
    permutation: createPermutation(
      Buffer.from(record.permutation_key, "hex"),
      record.total_tickets,
    ),
    shards: new ShardHints(record.id, record.total_tickets, record.shard_count),
    autoDraw: record.auto_draw ?? false,
  };
}
