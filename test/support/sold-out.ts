// What the sold-out tests share: claims from processes of their own (as Lambda instances, each
// with its own caches and stale views of the shards), and the check that a raffle sold out once.
import { execFile } from "node:child_process";
import { join } from "node:path";
import { promisify } from "node:util";
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { expect } from "vitest";
import { db, tableName } from "#platform/db/client";
import { shardCount } from "#platform/sharded-counter";
import { RAFFLE_SHARD_PLAN } from "#raffles/core/shards";
import { raffleKeys } from "#raffles/store/keys";
import { raffleApi } from "./raffle-api";
import { webhookEventItems } from "./webhook-events";

const run = promisify(execFile);
const WORKER = join(import.meta.dirname, "claim-worker.ts");

export type Outcome = { status: number; code?: string; ticket?: number };

/** Claims from a process of its own, `count` players at once from player `first` on. */
export async function claimFromAnotherProcess(id: string, first: number, count: number) {
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", WORKER, id, String(first), String(count)],
    { env: process.env, timeout: 180_000, maxBuffer: 64 * 1024 * 1024 },
  );
  const result = stdout.split("\n").find((line) => line.startsWith('{"outcomes"'));
  return (JSON.parse(result ?? stdout) as { outcomes: Outcome[] }).outcomes;
}

export const soldOutEvents = (id: string) =>
  webhookEventItems("raffle.sold_out", (data) => data.id === id);

export const fills = async (id: string) =>
  (
    await db.send(
      new GetCommand({ TableName: tableName, Key: raffleKeys.fills(id), ConsistentRead: true }),
    )
  ).Item;

/** Every ticket's claim time, from the register (the audit's ticket list). */
async function claimTimes(id: string) {
  const times: string[] = [];
  let cursor: string | undefined;
  do {
    const page = await raffleApi.auditTickets(id, { limit: "100", ...(cursor ? { cursor } : {}) });
    expect(page.status).toBe(200);
    times.push(...page.body.items.map((t: { claimed_at: string }) => t.claimed_at));
    cursor = page.body.next_cursor ?? undefined;
  } while (cursor);
  return times;
}

/** The raffle sold out once: one event, at the latest claim, as the fill counter and audit say. */
export async function expectOneSoldOutEvent(id: string, tickets: number) {
  const shards = shardCount(RAFFLE_SHARD_PLAN, tickets);
  const events = await soldOutEvents(id);
  expect(events).toHaveLength(1);
  const [event] = events;
  const times = await claimTimes(id);
  expect(times).toHaveLength(tickets);
  const latest = new Date(Math.max(...times.map((t) => Date.parse(t)))).toISOString();
  expect(event?.data).toEqual({
    id,
    status: "sold_out",
    total_tickets: tickets,
    tickets_remaining: 0,
    sold_out_at: latest,
  });
  expect(event?.timestamp).toBe(latest);
  // Written beside the fill counter's last count, in the one transaction of the last claim.
  expect(await fills(id)).toMatchObject({ full_shards: shards, sold_out_at: latest });
  // What the draw will record as the sell-out is the event's time.
  expect((await raffleApi.audit(id)).body.sold_out_at).toBe(latest);
}
