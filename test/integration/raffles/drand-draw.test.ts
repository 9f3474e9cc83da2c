// The deployed default, BEACON=drand, end to end: the draw's function fetches a real quicknet
// round from stand-in relays (local HTTP servers serving published rounds), verifies it with the
// pinned key, and the verifier checks the result with nothing but that key.
import { GetCommand } from "@aws-sdk/lib-dynamodb";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { clock } from "#platform/clock";
import { db, tableName } from "#platform/db/client";
import { DomainError } from "#platform/errors";
import { drawRaffle } from "#raffles";
import { roundTimeMs } from "#raffles/core/beacon-schedule";
import { BEACON_DELAY_MS } from "#raffles/core/draw-algorithm";
import { verifyAudit } from "#raffles/core/draw-verifier";
import { QUICKNET } from "#raffles/core/quicknet";
import { raffleKeys } from "#raffles/store/keys";
import { quicknetRounds } from "../../fixtures/quicknet-rounds";
import { startDrandRelay } from "../../support/drand-relay";
import { claimInOrder, createTestRaffle, expectProblem, raffleApi } from "../../support/raffle-api";

const published = quicknetRounds[4];
const saved = { BEACON: process.env.BEACON, DRAND_RELAYS: process.env.DRAND_RELAYS };
const realNow = clock.now;
let relays: Awaited<ReturnType<typeof startDrandRelay>>[] = [];

beforeAll(async () => {
  relays = await Promise.all([startDrandRelay("fail"), startDrandRelay("serve")]);
  // Read once, at the draw function's first use of its beacon.
  process.env.BEACON = "drand";
  process.env.DRAND_RELAYS = relays.map((relay) => relay.url).join(",");
  // Claims stamped just before the published round's window, so that round is the one drawn.
  const claimedAt = roundTimeMs(QUICKNET, published.round) - BEACON_DELAY_MS - 1500;
  clock.now = () => claimedAt;
});
afterAll(async () => {
  clock.now = realNow;
  Object.assign(process.env, saved);
  if (saved.DRAND_RELAYS === undefined) delete process.env.DRAND_RELAYS;
  await Promise.all(relays.map((relay) => relay.close()));
});

const raffleItem = async (id: string) =>
  (await db.send(new GetCommand({ TableName: tableName, Key: raffleKeys.raffle(id) }))).Item;

async function soldOutRaffle(from: number) {
  const id = await createTestRaffle(20, [{ name: "Prize", quantity: 2 }]);
  await claimInOrder(id, 20, from);
  return id;
}

describe("a draw with BEACON=drand", () => {
  it("uses the published quicknet round, and the verifier needs only the pinned key", async () => {
    const [failing, good] = relays;
    failing?.setMode("fail");
    good?.setMode("serve");
    const id = await soldOutRaffle(0);
    const draw = await raffleApi.draw(id);
    expect(draw.status).toBe(200);
    const audit = (await raffleApi.audit(id)).body;
    expect(audit.beacon).toMatchObject({
      network: "drand-quicknet",
      chain_hash: QUICKNET.chainHash,
      public_key: QUICKNET.publicKey,
      round: published.round,
      signature: published.signature,
      randomness: published.randomness,
    });
    const checks = verifyAudit(audit);
    expect(checks.filter((check) => !check.ok)).toEqual([]);
    expect(checks.find((check) => check.name === "beacon_signature")?.ok).toBe(true);
  });

  it("never uses a round that fails verification: 503, and nothing is recorded", async () => {
    for (const relay of relays) relay.setMode("lie");
    const id = await soldOutRaffle(100);
    const response = await raffleApi.draw(id);
    expectProblem(response, 503, "beacon_unavailable");
    expect(response.headers["retry-after"]).toBe("5");
    const item = await raffleItem(id);
    expect(item?.status).toBe("open");
    expect(item?.beacon).toBeUndefined();
    // Once a relay tells the truth again, the same raffle draws normally.
    relays[1]?.setMode("serve");
    expect((await raffleApi.draw(id)).status).toBe(200);
    expect(verifyAudit((await raffleApi.audit(id)).body).every((check) => check.ok)).toBe(true);
  });

  it("waits while the relays have not caught up with the round, and answers the winners", async () => {
    for (const relay of relays) relay.setMode("not_yet");
    const id = await soldOutRaffle(200);
    // The relays catch up a second into the draw's wait.
    const caughtUp = setTimeout(() => relays[1]?.setMode("serve"), 1_000);
    const response = await raffleApi.draw(id);
    clearTimeout(caughtUp);
    expect(response.status).toBe(200);
    expect(response.body.winners).toHaveLength(2);
    expect((await raffleItem(id))?.status).toBe("drawn");
    expect(verifyAudit((await raffleApi.audit(id)).body).every((check) => check.ok)).toBe(true);
  });

  it("gives up after its wait when the relays never catch up: 503, nothing recorded", async () => {
    for (const relay of relays) relay.setMode("not_yet");
    const id = await soldOutRaffle(300);
    // The use case with a wait of 1 s instead of the route's 15 s (the same code path).
    const refusal = await drawRaffle(id, { waitMs: 1_000 }).catch((error: unknown) => error);
    expect(refusal).toBeInstanceOf(DomainError);
    expect(refusal).toMatchObject({
      code: "beacon_unavailable",
      options: { retryAfterSeconds: 1 },
    });
    expect((await raffleItem(id))?.status).toBe("open");
  });
});
