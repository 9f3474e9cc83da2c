import { describe, expect, it } from "vitest";
import { ShardHints } from "#raffles/core/shard-hints";
import { chainGenesis } from "#raffles/core/ticket-chain";

const first = () => 0;
const ID = `r_${"a".repeat(32)}`;

describe("a process's shard hints", () => {
  it("start at each range's start and genesis head, only ever advance, and count what remains", () => {
    const hints = new ShardHints(ID, 40, 3);
    expect(hints.next).toEqual(hints.start);
    expect(hints.head).toEqual([0, 1, 2].map((shard) => chainGenesis(ID, shard)));
    expect(hints.remaining()).toBe(40);
    hints.advance(0, 5, "head at 5");
    hints.advance(0, 2, "head at 2");
    expect(hints.next[0]).toBe(5);
    expect(hints.head[0]).toBe("head at 5");
    expect(hints.remaining()).toBe(35);
  });

  it("never hand out a full shard, and answer undefined when all are full", async () => {
    const hints = new ShardHints(ID, 32, 2);
    hints.advance(0, hints.end[0] as number, "h");
    expect(await hints.acquire(first)).toBe(1);
    hints.release(1);
    hints.advance(1, hints.end[1] as number, "h");
    expect(await hints.acquire(first)).toBeUndefined();
    expect(hints.remaining()).toBe(0);
  });

  it("give each concurrent attempt a shard of its own, and make the rest wait for one", async () => {
    const hints = new ShardHints(ID, 32, 2);
    const a = await hints.acquire(first);
    const b = await hints.acquire(first);
    expect(new Set([a, b])).toEqual(new Set([0, 1]));
    let third: number | undefined | "waiting" = "waiting";
    const waiting = hints.acquire(first).then((shard) => {
      third = shard;
    });
    await Promise.resolve();
    expect(third).toBe("waiting");
    hints.release(a as number);
    await waiting;
    expect(third).toBe(a);
  });

  it("wake waiters with sold out when the last open shard fills", async () => {
    const hints = new ShardHints(ID, 16, 1);
    const shard = (await hints.acquire(first)) as number;
    const waiting = hints.acquire(first);
    hints.advance(shard, hints.end[shard] as number, "h");
    hints.release(shard);
    expect(await waiting).toBeUndefined();
  });
});
