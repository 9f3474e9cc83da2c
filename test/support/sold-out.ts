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

/** A player's last answer, and how many 503s came before it (test/support/until-available.ts). */
export type Outcome = { status: number; code?: string; ticket?: number; unavailable?: number };

const histogram = (outcomes: Outcome[]) => {
  const counts: Record<string, number> = {};
  for (const o of outcomes) {
    const key = `${o.status} ${o.code}`;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  return counts;
};

/**
 * Every ticket went to one player and every other player was refused as sold out. A claim
 * answered 503 may have committed all the same (a loaded DynamoDB Local answered past the SDK's
 * last try): the player's retry, a new request, finds its ticket held (409
 * `already_participated`), and that player is counted as holding a ticket whose answer was lost.
 * Any other refusal, or an `already_participated` without a 503 before it, is a finding.
 */
export function expectClaimedOut(outcomes: Outcome[], tickets: number) {
  const lost = outcomes.filter(
    (o) => o.status === 409 && o.code === "already_participated" && (o.unavailable ?? 0) > 0,
  );
  const won = outcomes.filter((o) => o.status === 201);
  // Every answer's status and code first: a wrong one says more than the tickets it cost.
  expect(histogram(outcomes.filter((o) => o.status !== 201 && !lost.includes(o)))).toEqual({
    "409 sold_out": outcomes.length - tickets,
  });
  expect(won.length + lost.length).toBe(tickets);
  expect(new Set(won.map((o) => o.ticket)).size).toBe(won.length);
  return won.map((o) => o.ticket as number);
}

/**
 * Claims from a process of its own (a cold cache and its own stale view of the counters),
 * `count` players at once from player `first` on: their outcomes, and how many times the
 * process read the raffle's item.
 */
export async function claimFromAnotherProcess(id: string, first: number, count: number) {
  const { stdout } = await run(
    process.execPath,
    ["--import", "tsx", WORKER, id, String(first), String(count)],
    { env: process.env, timeout: 300_000, maxBuffer: 64 * 1024 * 1024 },
  );
  // Its result is its one line of outcomes; the others are its logs (the run logs at DEBUG).
  const result = stdout.split("\n").find((line) => line.startsWith('{"outcomes"'));
  return JSON.parse(result ?? stdout) as { outcomes: Outcome[]; reads: number };
}

export const soldOutEvents = (id: string) =>
  webhookEventItems("raffle.sold_out", (data) => data.id === id);

export const fills = async (id: string) =>
  (
    await db.send(
      new GetCommand({ TableName: tableName, Key: raffleKeys.fills(id), ConsistentRead: true }),
    )
  ).Item;

/** Every claimed ticket, from the register (the audit's ticket list). */
async function register(id: string) {
  const tickets: { ticket_number: number; claimed_at: string }[] = [];
  let cursor: string | undefined;
  do {
    const page = await raffleApi.auditTickets(id, { limit: "100", ...(cursor ? { cursor } : {}) });
    expect(page.status).toBe(200);
    tickets.push(...page.body.items);
    cursor = page.body.next_cursor ?? undefined;
  } while (cursor);
  return tickets;
}

/**
 * The raffle sold out once: one event, at the latest claim, as the fill counter and audit say.
 * The register holds tickets 1..N, among them every ticket a claim answered with (`won`).
 */
export async function expectOneSoldOutEvent(id: string, tickets: number, won: number[] = []) {
  const shards = shardCount(RAFFLE_SHARD_PLAN, tickets);
  const events = await soldOutEvents(id);
  expect(events).toHaveLength(1);
  const [event] = events;
  const claimed = await register(id);
  const numbers = new Set(claimed.map((t) => t.ticket_number));
  expect(numbers).toEqual(new Set(Array.from({ length: tickets }, (_, i) => i + 1)));
  expect(claimed).toHaveLength(tickets);
  expect(won.filter((n) => !numbers.has(n))).toEqual([]);
  const times = claimed.map((t) => t.claimed_at);
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
