import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterEach, describe, expect, it } from "vitest";
import { clock } from "#platform/clock";
import { db, requestCounter, tableName } from "#platform/db/client";
import type { Audit, RegisterExportEntry } from "#raffles/core/audit-document";
import { newSecretKey, publicKeyOf, signRound } from "#raffles/core/bls";
import { drawCommitment } from "#raffles/core/draw-algorithm";
import { verifyAudit } from "#raffles/core/draw-verifier";
import { chainGenesis, chainHeadOf } from "#raffles/core/ticket-chain";
import { raffleKeys } from "#raffles/store/keys";
import { forgetRaffleMeta } from "#raffles/store/raffle-meta-cache";
import { setBeaconClock } from "../../support/beacon-clock";
import {
  claimInOrder,
  createTestRaffle,
  expectProblem,
  playerIp,
  raffleApi,
} from "../../support/raffle-api";

const trust = { localBeaconKey: publicKeyOf(process.env.BEACON_KEY as string) };
const prizes = [
  { name: "Bike", quantity: 1 },
  { name: "Mug", quantity: 5 },
];
const realRaffleNow = clock.now;
let undoBeacon: (() => void) | undefined;
afterEach(() => {
  clock.now = realRaffleNow;
  undoBeacon?.();
  undoBeacon = undefined;
});

const raffleItem = async (id: string) =>
  (await db.send(new GetCommand({ TableName: tableName, Key: raffleKeys.raffle(id) }))).Item;

/** The whole register export, page after page, checking each page keeps to one shard. */
async function exportRegister(id: string, limit = 7, query: Record<string, string> = {}) {
  const entries: RegisterExportEntry[] = [];
  let cursor: string | undefined;
  let pages = 0;
  do {
    const page = await raffleApi.auditTickets(id, {
      ...query,
      limit: String(limit),
      ...(cursor ? { cursor } : {}),
    });
    expect(page.status).toBe(200);
    expect(page.body.items.length).toBeLessThanOrEqual(limit);
    expect(
      new Set(page.body.items.map((e: RegisterExportEntry) => e.shard)).size,
    ).toBeLessThanOrEqual(1);
    entries.push(...page.body.items);
    cursor = page.body.next_cursor ?? undefined;
    pages++;
  } while (cursor && pages < 1000);
  return entries;
}

/** Claims out a raffle with claims stamped a minute ahead: its round is a minute away. */
async function claimOutAhead(id: string, count: number, from: number) {
  clock.now = () => Date.now() + 60_000;
  const claimed = await claimInOrder(id, count, from);
  clock.now = realRaffleNow;
  return claimed;
}

/** Draws once the audit's round is out (the beacons' clock moved to its time). */
async function drawAtRound(id: string) {
  const audit = (await raffleApi.audit(id)).body as Audit;
  undoBeacon = setBeaconClock(Date.parse(audit.beacon.round_time as string));
  const draw = await raffleApi.draw(id);
  expect(draw.status, JSON.stringify(draw.body)).toBe(200);
  return draw;
}

describe("the audit before the draw", () => {
  it("shows the commitment from creation, and never the seed", async () => {
    const created = await raffleApi.create({ name: "Audited", total_tickets: 50, prizes });
    const id = created.body.id as string;
    const audit = await raffleApi.audit(id);
    expect(audit.status).toBe(200);
    expect(audit.body).toEqual({
      raffle_id: id,
      status: "open",
      algorithm: "tombola-draw-v1",
      total_tickets: 50,
      prizes,
      draw_commitment: created.body.draw_commitment,
      chains: [0, 1, 2, 3].map((shard) => ({
        shard,
        capacity: expect.any(Number),
        tickets_claimed: 0,
        head: chainGenesis(id, shard),
        last_claimed_at: null,
      })),
      register_digest: null,
      sold_out_at: null,
      beacon: expect.objectContaining({ network: "local", round: null, signature: null }),
      operator_seed: null,
      seed_for_winners: null,
      winners: null,
    });
    const seed = (await raffleItem(id))?.operator_seed as string;
    expect(drawCommitment(seed)).toBe(created.body.draw_commitment);
    for (const response of [created, audit, await raffleApi.get(id), await raffleApi.list()]) {
      expect(JSON.stringify(response.body)).not.toContain(seed);
    }
  });

  it("keeps each shard's chain head equal to the chain of its exported tickets, as claims go on", async () => {
    const id = await createTestRaffle(50, prizes);
    await claimInOrder(id, 13);
    const audit = (await raffleApi.audit(id)).body as Audit;
    const entries = await exportRegister(id, 4);
    expect(entries).toHaveLength(13);
    expect(audit.chains.reduce((sum, chain) => sum + chain.tickets_claimed, 0)).toBe(13);
    for (const chain of audit.chains) {
      const mine = entries.filter((entry) => entry.shard === chain.shard);
      expect(mine.map((entry) => entry.position)).toEqual(mine.map((_, i) => i));
      expect(chainHeadOf(id, chain.shard, mine)).toBe(chain.head);
      expect(mine.at(-1)?.claimed_at ?? null).toBe(chain.last_claimed_at);
    }
    expect(audit.register_digest).toBeNull();
  });
});

describe("the register export", () => {
  it("pages shard by shard, keeps to one shard with ?shard, and finds one ticket with ?ticket_number", async () => {
    const id = await createTestRaffle(40, prizes);
    const claimed = await claimInOrder(id, 40, 300);
    const all = await exportRegister(id, 3);
    expect(all.map((e) => e.ticket_number).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(all.map((e) => e.shard)).toEqual([...all.map((e) => e.shard)].sort((a, b) => a - b));
    const shard1 = await exportRegister(id, 100, { shard: "1" });
    expect(shard1).toEqual(all.filter((e) => e.shard === 1));

    const mine = claimed[5] as (typeof claimed)[number];
    requestCounter.reset();
    const found = await raffleApi.auditTickets(id, { ticket_number: String(mine.ticket_number) });
    expect(found.body).toEqual({
      items: [all.find((e) => e.ticket_number === mine.ticket_number)],
      next_cursor: null,
    });
    expect(requestCounter.byCommand).toEqual({ GetItemCommand: 1 });
    expect((await raffleApi.auditTickets(id, { ticket_number: "41" })).body.items).toEqual([]);
  });

  it.each([
    [{ shard: "3" }, "shard"],
    [{ shard: "-1" }, "shard"],
    [{ shard: "01" }, "shard"],
    [{ shard: "one" }, "shard"],
    [{ ticket_number: "0" }, "ticket_number"],
    [{ ticket_number: "1", shard: "0" }, "ticket_number"],
    [{ limit: "0" }, "limit"],
    [{ limit: "101" }, "limit"],
    [{ cursor: "not-a-cursor" }, "cursor"],
    [{ cursor: Buffer.from('{"shard":9,"after":null}').toString("base64url") }, "cursor"],
    [{ cursor: Buffer.from('{"shard":0,"after":-4}').toString("base64url") }, "cursor"],
    [{ cursor: Buffer.from('{"shard":"0"}').toString("base64url") }, "cursor"],
    [
      { shard: "1", cursor: Buffer.from('{"shard":0,"after":null}').toString("base64url") },
      "cursor",
    ],
    [{ colour: "red" }, "colour"],
  ])("answers 422 for the query %j", async (query, path) => {
    const id = await createTestRaffle(40, prizes);
    const response = await raffleApi.auditTickets(id, query);
    expectProblem(response, 422, "validation_failed");
    expect(response.body.errors.map((e: { path: string }) => e.path)).toContain(path);
  });

  it("answers 404 for an unknown raffle", async () => {
    expectProblem(await raffleApi.auditTickets(`r_${"0".repeat(32)}`), 404, "raffle_not_found");
    expectProblem(await raffleApi.audit(`r_${"0".repeat(32)}`), 404, "raffle_not_found");
  });
});

describe("the draw's beacon round", () => {
  it("is fixed by the sale's end; a round out of the draw's 15 s reach is 503 beacon_unavailable at once, nothing recorded", async () => {
    const id = await createTestRaffle(20, prizes);
    await claimOutAhead(id, 20, 400);
    const audit = (await raffleApi.audit(id)).body as Audit;
    expect(audit.status).toBe("sold_out");
    const roundTime = Date.parse(audit.beacon.round_time as string);
    const soldOut = Date.parse(audit.sold_out_at as string);
    expect(roundTime - soldOut).toBeGreaterThanOrEqual(5000);
    expect(roundTime - soldOut).toBeLessThan(8000);

    // The round is a minute away: not waited for, the caller learns when to come back.
    const early = await raffleApi.draw(id);
    expectProblem(early, 503, "beacon_unavailable");
    const retryAfter = Number(early.headers["retry-after"]);
    expect(retryAfter).toBeGreaterThanOrEqual(55);
    expect(retryAfter).toBeLessThanOrEqual(70);
    const item = await raffleItem(id);
    expect(item?.status).toBe("open");
    expect(item?.beacon).toBeUndefined();
    expectProblem(await raffleApi.winners(id), 409, "not_drawn");

    // The round 1.5 s away (the beacons' clock running from there): the draw waits for it and
    // answers the winners on its first call.
    const offset = roundTime - 1_500 - Date.now();
    undoBeacon = setBeaconClock((now) => now + offset);
    const draw = await raffleApi.draw(id);
    expect(draw.status).toBe(200);
    expect(draw.body.winners).toHaveLength(6);
    expect(((await raffleApi.audit(id)).body as Audit).beacon.round).toBe(audit.beacon.round);
  });
});

describe("a full raffle on the local beacon, checked by the verifier", () => {
  it("verifies when claimed out by many concurrent claims from stale and fresh views", async () => {
    const id = await createTestRaffle(120, prizes);
    clock.now = () => Date.now() + 60_000;
    const responses = await Promise.all(
      Array.from({ length: 160 }, async (_, i) => {
        // Some claims come from a process that has forgotten what it knew: stale hints.
        if (i % 40 === 39) forgetRaffleMeta(id);
        return raffleApi.claim(id, playerIp(5000 + i));
      }),
    );
    clock.now = realRaffleNow;
    expect(responses.filter((r) => r.status === 201)).toHaveLength(120);
    for (const r of responses.filter((r) => r.status !== 201)) expect(r.body.code).toBe("sold_out");

    await drawAtRound(id);
    const audit = (await raffleApi.audit(id)).body as Audit;
    const register = await exportRegister(id, 50);
    const checks = verifyAudit(audit, { ...trust, register });
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    expect(checks.map((check) => check.name)).toContain("register");
  });

  it("fails for a changed seed, winner, round, register ticket, and a signature from another key", async () => {
    const id = await createTestRaffle(30, prizes);
    await claimOutAhead(id, 30, 600);
    const draw = await drawAtRound(id);
    const audit = (await raffleApi.audit(id)).body as Audit;
    const register = await exportRegister(id, 100);
    expect(audit.winners).toEqual(draw.body.winners);
    expect(verifyAudit(audit, { ...trust, register }).every((check) => check.ok)).toBe(true);

    const failing = (altered: Audit, alteredRegister = register) =>
      verifyAudit(altered, { ...trust, register: alteredRegister }).find((check) => !check.ok)
        ?.name;
    const copy = () => structuredClone(audit);

    const seed = copy();
    seed.operator_seed = `${(seed.operator_seed as string).slice(0, 63)}${seed.operator_seed?.endsWith("0") ? "1" : "0"}`;
    expect(failing(seed)).toBe("commitment");

    const winner = copy();
    const first = winner.winners?.[0] as { ticket_number: number };
    const taken = new Set(winner.winners?.map((w) => w.ticket_number));
    first.ticket_number = [...Array(30).keys()]
      .map((i) => i + 1)
      .find((t) => !taken.has(t)) as number;
    expect(failing(winner)).toBe("winners");

    const round = copy();
    round.beacon.round = (round.beacon.round as number) - 1;
    expect(failing(round)).toBe("beacon_round");

    const ticket = structuredClone(register);
    const [a, b] = [ticket[0] as RegisterExportEntry, ticket[1] as RegisterExportEntry];
    [a.ticket_number, b.ticket_number] = [b.ticket_number, a.ticket_number];
    expect(failing(audit, ticket)).toBe("register");

    const otherKey = newSecretKey();
    const forged = copy();
    forged.beacon.signature = signRound(forged.beacon.round as number, otherKey);
    expect(failing(forged)).toBe("beacon_signature");
    forged.beacon.public_key = publicKeyOf(otherKey);
    expect(failing(forged)).toBe("beacon_key");
  });
});
