// Raffles: creation cost against N, claim throughput through the handlers next to DynamoDB
// Local's own rate for the same transaction shape, requests per claim, the draw (after waiting
// for its beacon round), the audit, the register export and the offline verifier.
import { randomBytes } from "node:crypto";
import { db, requestCounter } from "#platform/db/client";
import type { RegisterExportEntry } from "#raffles/core/audit-document";
import { publicKeyOf, verifyRoundSignature } from "#raffles/core/bls";
import { verifyAudit } from "#raffles/core/draw-verifier";
import { prizeUnits } from "#raffles/core/prizes";
import { QUICKNET } from "#raffles/core/quicknet";
import { chainGenesis, nextChainHead } from "#raffles/core/ticket-chain";
import { claimTransaction } from "#raffles/store/claim-store";
import { playerIp, raffleApi } from "../test/support/raffle-calls";
import { median, quantile, runConcurrently } from "./stats";

const CONCURRENCY = 32;
const CLAIM_TICKETS = 5000;
const PRIZES = [
  { name: "Car", quantity: 1 },
  { name: "Bike", quantity: 9 },
  { name: "Mug", quantity: 990 },
];

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
/** Round 30662982 as drand's relays publish it. */
const QUICKNET_ROUND = {
  round: 30662982,
  signature:
    "8b3edd0d42a2fa36ac15641a2dea2e4f4895acec2ef72ef39e5b6138f0346fb6b046dde1b4b3d09ff5fe8a6a7acd674a",
};

async function create(totalTickets: number, prizes = [{ name: "Prize", quantity: 1 }]) {
  const started = performance.now();
  const response = await raffleApi.create({
    name: `Bench ${totalTickets}`,
    total_tickets: totalTickets,
    prizes,
  });
  if (response.status !== 201) throw new Error(`create failed: ${JSON.stringify(response.body)}`);
  return { id: response.body.id as string, ms: performance.now() - started };
}

async function creation() {
  const runs = 40;
  for (let i = 0; i < 5; i++) await create(10);
  const small: number[] = [];
  const huge: number[] = [];
  for (let i = 0; i < runs; i++) {
    small.push((await create(10)).ms);
    huge.push((await create(100_000_000)).ms);
  }
  console.table([
    { N: 10, runs, median_ms: round(median(small)), p90_ms: round(quantile(small, 0.9)) },
    { N: 100_000_000, runs, median_ms: round(median(huge)), p90_ms: round(quantile(huge, 0.9)) },
  ]);
  console.log(
    `creation median ratio N=1e8 / N=10: ${round(median(huge) / median(small))} (target <= 2)`,
  );
}

async function claimsThroughHandlers(id: string) {
  const statuses: Record<number, number> = {};
  requestCounter.reset();
  const started = performance.now();
  await runConcurrently(
    Array.from({ length: CLAIM_TICKETS }, (_, i) => i),
    CONCURRENCY,
    async (i) => {
      const response = await raffleApi.claim(id, playerIp(i));
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const successes = statuses[201] ?? 0;
  return {
    rate: successes / seconds,
    successes,
    statuses,
    requests: requestCounter.total,
    byCommand: { ...requestCounter.byCommand },
  };
}

/**
 * The claim's very transaction issued directly, under a raffle id of its own: each worker
 * advances a shard of its own, so nothing conflicts and no handler work is done.
 */
async function directTransactions() {
  const run = randomBytes(4).toString("hex");
  const perWorker = Math.ceil(CLAIM_TICKETS / CONCURRENCY);
  const started = performance.now();
  await runConcurrently(
    Array.from({ length: CONCURRENCY }, (_, w) => w),
    CONCURRENCY,
    async (w) => {
      let previousHead = chainGenesis(run, w);
      for (let slot = 0; slot < perWorker; slot++) {
        const entry = {
          ticket_number: w * perWorker + slot + 1,
          code_digest: randomBytes(32).toString("hex"),
          claimed_at: new Date().toISOString(),
        };
        await db.send(
          claimTransaction({
            raffleId: run,
            shard: w,
            start: 0,
            slot,
            previousHead,
            ticketNumber: entry.ticket_number,
            codeHash: randomBytes(32).toString("hex"),
            codeDigest: entry.code_digest,
            playerHash: randomBytes(32).toString("hex"),
            claimedAt: entry.claimed_at,
          }),
        );
        previousHead = nextChainHead(previousHead, entry);
      }
    },
  );
  const seconds = (performance.now() - started) / 1000;
  return (perWorker * CONCURRENCY) / seconds;
}

export default async function raffles() {
  console.log("### creation (through the handler, one raffle at a time)");
  await creation();

  console.log(`\n### claims: ${CLAIM_TICKETS} players, concurrency ${CONCURRENCY}, one raffle`);
  const { id } = await create(CLAIM_TICKETS, PRIZES);
  // DynamoDB Local's JVM keeps warming up for thousands of requests: one round is discarded,
  // then the direct rate is measured before and after the handlers and the faster one is used.
  await directTransactions();
  const directBefore = await directTransactions();
  const claims = await claimsThroughHandlers(id);
  const directAfter = await directTransactions();
  const direct = Math.max(directBefore, directAfter);
  console.table([
    {
      what: "same TransactWriteItems issued directly (before)",
      per_second: round(directBefore, 1),
    },
    { what: "claims through the handlers", per_second: round(claims.rate, 1) },
    { what: "same TransactWriteItems issued directly (after)", per_second: round(directAfter, 1) },
  ]);
  console.log(`responses: ${JSON.stringify(claims.statuses)}`);
  console.log(`ratio handlers / faster direct run: ${round(claims.rate / direct)} (target >= 0.7)`);
  console.log(
    `DynamoDB requests: ${claims.requests} ${JSON.stringify(claims.byCommand)}; ` +
      `mean per successful claim: ${round(claims.requests / claims.successes, 3)} (target <= 2.2)`,
  );

  console.log(`\n### draw: ${prizeUnits(PRIZES)} prize units on that raffle`);
  // The draw waits for the beacon round its sale fixed (real time, the local beacon), inside
  // its call: the bench sleeps until the round's time first, so the draw itself is timed apart.
  const roundTime = Date.parse((await raffleApi.audit(id)).body.beacon.round_time);
  const waitedMs = Math.max(0, roundTime - Date.now());
  await new Promise((resolve) => setTimeout(resolve, waitedMs));
  requestCounter.reset();
  const started = performance.now();
  const draw = await raffleApi.draw(id);
  const ms = performance.now() - started;
  if (draw.status !== 200) throw new Error(`draw failed: ${JSON.stringify(draw.body)}`);
  console.log(`waited ${round(waitedMs / 1000, 1)} s for the beacon round (0: it was out already)`);
  console.log(
    `draw: ${round(ms, 1)} ms for ${draw.body.winners.length} winners (beacon round signed and ` +
      `verified included), ${requestCounter.total} DynamoDB requests ${JSON.stringify(requestCounter.byCommand)}`,
  );

  console.log("\n### BLS12-381 verification of a published quicknet round (@noble/curves)");
  const times: number[] = [];
  for (let i = 0; i < 21; i++) {
    const verifyStarted = performance.now();
    if (!verifyRoundSignature(QUICKNET_ROUND.round, QUICKNET_ROUND.signature, QUICKNET.publicKey)) {
      throw new Error("the quicknet round does not verify");
    }
    times.push(performance.now() - verifyStarted);
  }
  console.log(
    `first (this process had already verified one in the draw): ${round(times[0] as number, 1)} ms; ` +
      `median of the next 20: ${round(median(times.slice(1)), 1)} ms`,
  );

  console.log(`\n### audit and verification of that raffle (${CLAIM_TICKETS} tickets)`);
  requestCounter.reset();
  const auditStarted = performance.now();
  const audit = await raffleApi.audit(id);
  const auditMs = performance.now() - auditStarted;
  console.log(
    `audit: ${round(auditMs, 1)} ms, ${Buffer.byteLength(JSON.stringify(audit.body))} bytes, ` +
      `${requestCounter.total} DynamoDB requests ${JSON.stringify(requestCounter.byCommand)}`,
  );
  requestCounter.reset();
  const exportStarted = performance.now();
  const register: RegisterExportEntry[] = [];
  let cursor: string | null = null;
  do {
    const page: { body: { items: RegisterExportEntry[]; next_cursor: string | null } } =
      await raffleApi.auditTickets(id, { limit: "100", ...(cursor ? { cursor } : {}) });
    register.push(...page.body.items);
    cursor = page.body.next_cursor;
  } while (cursor);
  const exportMs = performance.now() - exportStarted;
  console.log(
    `register export: ${register.length} entries in ${round(exportMs, 1)} ms ` +
      `(${requestCounter.byCommand.QueryCommand ?? 0} pages of up to 100)`,
  );
  const verifyStarted = performance.now();
  const checks = verifyAudit(audit.body, {
    register,
    localBeaconKey: publicKeyOf(process.env.BEACON_KEY as string),
  });
  const verifyMs = performance.now() - verifyStarted;
  const failed = checks.filter((check) => !check.ok).map((check) => check.name);
  console.log(
    `verifier (offline, --register): ${round(verifyMs, 1)} ms for ${checks.length} checks, ` +
      `${failed.length === 0 ? "all hold" : `FAILED: ${failed.join(", ")}`}`,
  );
}
