// Coupons: `near` on a catalogue of 10,000 coupons over a city vs 100 over another city of the
// same size (latency, DynamoDB requests, items read), redemptions per second on one coupon
// through the handlers at concurrency 32 next to the same transaction issued directly, and how
// far the lists (kept by the table's stream) lag behind creations and redemptions.
import { randomBytes } from "node:crypto";
import type { CouponRecord } from "#coupons/core/coupon";
import { firstQuotas } from "#coupons/core/redemption";
import { readCoupon } from "#coupons/store/coupon-reads";
import { redemptionTransaction } from "#coupons/store/redemption-writes";
import { db, requestCounter, tableName } from "#platform/db/client";
import type { StreamRunner } from "../infra/local/stream-runner";
import { couponApi, couponBody, newHolders } from "../test/support/coupon-calls";
import { storeCatalogue } from "../test/support/coupon-catalogue";
import { countScannedItems } from "../test/support/scanned-items";
import { median, quantile, runConcurrently } from "./stats";

const CONCURRENCY = 32;
const REDEMPTIONS = 3000;
const round = (value: number, digits = 2) => Number(value.toFixed(digits));

const scanned = countScannedItems();

/** `count` coupons spread evenly at random over a 20 km × 20 km square around `centre`. */
function city(centre: { lat: number; long: number }, count: number, name: string) {
  const kmPerLon = 111.32 * Math.cos((centre.lat * Math.PI) / 180);
  return Array.from({ length: count }, (_, i) =>
    couponBody({
      code: `${name}${i}`,
      merchant: `${name} merchant ${i % 50}`,
      category: undefined,
      store: {
        street: `${i} Main St`,
        city: name,
        lat: centre.lat + ((Math.random() - 0.5) * 20) / 111.2,
        long: centre.long + ((Math.random() - 0.5) * 20) / kmPerLon,
      },
      max_redemptions: 10,
    }),
  );
}

async function nearRuns(centre: { lat: number; long: number }, radius: number, runs: number) {
  const near = `${centre.lat},${centre.long}`;
  const latencies: number[] = [];
  let requests = 0;
  let items = 0;
  let results = 0;
  for (let run = 0; run < runs; run++) {
    requestCounter.reset();
    scanned.items = 0;
    const started = performance.now();
    const response = await couponApi.listAsIs({ near, radius_km: String(radius), limit: "20" });
    latencies.push(performance.now() - started);
    if (response.status !== 200) throw new Error(`near answered ${response.status}`);
    requests += requestCounter.total;
    items += scanned.items;
    results = response.body.items.length;
  }
  // The whole result, page after page, once.
  requestCounter.reset();
  scanned.items = 0;
  let total = 0;
  let pages = 0;
  let cursor: string | undefined;
  do {
    const page = await couponApi.listAsIs({
      near,
      radius_km: String(radius),
      limit: "100",
      ...(cursor ? { cursor } : {}),
    });
    total += page.body.items.length;
    pages++;
    cursor = page.body.next_cursor ?? undefined;
  } while (cursor);
  return {
    radius_km: radius,
    median_ms: round(median(latencies)),
    p90_ms: round(quantile(latencies, 0.9)),
    page1_items: results,
    page1_requests: round(requests / runs, 1),
    page1_items_read: round(items / runs, 1),
    in_radius: total,
    all_pages: pages,
    all_pages_requests: requestCounter.total,
    all_pages_items_read: scanned.items,
  };
}

async function nearBench() {
  const seattle = { lat: 47.6097, long: -122.3422 };
  const lyon = { lat: 45.764, long: 4.8357 };
  const started = performance.now();
  await storeCatalogue(city(seattle, 10_000, "Seattle"));
  await storeCatalogue(city(lyon, 100, "Lyon"));
  console.log(`catalogues stored in ${round((performance.now() - started) / 1000, 1)} s`);
  for (const [name, centre] of [
    ["10,000 coupons (Seattle)", seattle],
    ["100 coupons (Lyon)", lyon],
  ] as const) {
    await nearRuns(centre, 1, 3);
    const rows = [];
    for (const radius of [0.5, 2, 10]) rows.push(await nearRuns(centre, radius, 20));
    console.log(
      `\n${name}: near the centre, page 1 of 20 (median of 20 runs), then every page of 100`,
    );
    console.table(rows);
  }
}

async function redemptionsThroughHandlers(id: string, tokens: string[]) {
  const statuses: Record<number, number> = {};
  requestCounter.reset();
  const started = performance.now();
  await runConcurrently(
    Array.from({ length: REDEMPTIONS }, (_, i) => i),
    CONCURRENCY,
    async (i) => {
      const response = await couponApi.redeem(id, tokens[i % tokens.length]);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    },
  );
  const seconds = (performance.now() - started) / 1000;
  return {
    rate: (statuses[201] ?? 0) / seconds,
    statuses,
    requests: requestCounter.total,
    byCommand: { ...requestCounter.byCommand },
  };
}

/** The redemption's very transaction, issued directly on the same coupon (its shards in turn). */
async function directTransactions(coupon: CouponRecord) {
  const { id, shard_count: shards } = coupon;
  // Shards are written by their first redemption, as the handler's transaction does.
  const quotas = firstQuotas(coupon.max_redemptions, shards);
  const started = performance.now();
  await runConcurrently(
    Array.from({ length: REDEMPTIONS }, (_, i) => i),
    CONCURRENCY,
    async (i) => {
      await db.send(
        redemptionTransaction({
          couponId: id,
          shard: i % shards,
          terms: coupon.terms,
          unwritten: { quota: quotas?.[i % shards] },
          accountId: `a_bench_${i % 64}`,
          perAccountLimit: 1_000_000,
          redemptionId: `rd_${randomBytes(16).toString("hex")}`,
          redeemedAt: new Date().toISOString(),
        }),
      );
    },
  );
  return REDEMPTIONS / ((performance.now() - started) / 1000);
}

async function redemptionBench() {
  const created = await couponApi.create(
    couponBody({ code: "FLASH", merchant: "Bench", per_account_limit: 1_000_000 }),
  );
  if (created.status !== 201) throw new Error(`create answered ${created.status}`);
  const { id, max_redemptions } = created.body;
  const coupon = await readCoupon(id);
  const shards = coupon.shard_count;
  const holders = await newHolders(64);
  const tokens = holders.map((h) => h.token);
  // DynamoDB Local warms up for thousands of requests: one round each is discarded.
  await directTransactions(coupon);
  await redemptionsThroughHandlers(id, tokens);
  const directBefore = await directTransactions(coupon);
  const handlers = await redemptionsThroughHandlers(id, tokens);
  const directAfter = await directTransactions(coupon);
  console.log(
    `\none coupon (max_redemptions ${max_redemptions}, ${shards} shards), ${REDEMPTIONS} redemptions at concurrency ${CONCURRENCY}, 64 accounts`,
  );
  console.table([
    {
      what: "same TransactWriteItems issued directly (before)",
      per_second: round(directBefore, 1),
    },
    { what: "redemptions through the handler", per_second: round(handlers.rate, 1) },
    { what: "same TransactWriteItems issued directly (after)", per_second: round(directAfter, 1) },
  ]);
  console.log(`responses: ${JSON.stringify(handlers.statuses)}`);
  console.log(
    `ratio handler / faster direct run: ${round(handlers.rate / Math.max(directBefore, directAfter))}`,
  );
  console.log(
    `DynamoDB requests: ${handlers.requests} ${JSON.stringify(handlers.byCommand)}; per redemption ${round(handlers.requests / REDEMPTIONS, 3)}`,
  );
  const count = (await couponApi.get(id)).body.redemption_count;
  console.log(`redemption_count after all rounds: ${count} (${REDEMPTIONS * 5} made)`);
}

/** Milliseconds from now until `listed()` holds, looking every 5 ms (at most 30 s). */
async function lagUntil(listed: () => Promise<boolean>): Promise<number> {
  const from = performance.now();
  while (!(await listed())) {
    if (performance.now() - from > 30_000) throw new Error("not listed within 30 s");
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
  return performance.now() - from;
}

const lagRow = (what: string, lags: number[]) => ({
  what,
  samples: lags.length,
  p50_ms: round(median(lags), 1),
  p99_ms: round(quantile(lags, 0.99), 1),
  max_ms: round(Math.max(...lags), 1),
});

/** A create's lag: from its 201 until a list of its merchant shows it. */
async function createLag(tag: string) {
  const merchant = `Lag ${tag} ${randomBytes(6).toString("hex")}`;
  const created = await couponApi.create(couponBody({ merchant, max_redemptions: 1000 }));
  if (created.status !== 201) throw new Error(`create answered ${created.status}`);
  const lag = await lagUntil(
    async () => (await couponApi.listAsIs({ merchant })).body.items.length === 1,
  );
  return { id: created.body.id as string, merchant, lag };
}

/**
 * The lag of the lists kept by the stream, with the stream functions run as `npm start` runs
 * them (polling every 250 ms, as Lambda polls 4 times a second): a creation's (one hop: the
 * coupon item's record), a redemption's count (two hops: the shard's record recounts, the
 * coupon item's record rewrites its listings), and how far behind a burst of creates leaves them.
 */
async function listingLagBench() {
  const { startLocalStreams } = await import("../infra/local/local-streams");
  let runner: StreamRunner | undefined;
  try {
    runner = await startLocalStreams(process.env.DYNAMODB_ENDPOINT as string, tableName);
    // It reads the whole stream again on start (the catalogues above): measured from after that.
    await runner.caughtUp();
    // Each write at a random moment of the runner's poll: one just after a list showed the last
    // would always wait a whole poll.
    const pause = () => new Promise((resolve) => setTimeout(resolve, Math.random() * 250));
    const creates: number[] = [];
    for (let i = 0; i < 40; i++) {
      await pause();
      creates.push((await createLag("alone")).lag);
    }
    const counted: number[] = [];
    const { id, merchant } = await createLag("counted");
    const holders = await newHolders(30);
    for (const [n, holder] of holders.entries()) {
      await pause();
      const redeemed = await couponApi.redeem(id, holder.token);
      if (redeemed.status !== 201) throw new Error(`redeem answered ${redeemed.status}`);
      counted.push(
        await lagUntil(async () => {
          const [item] = (await couponApi.listAsIs({ merchant })).body.items;
          return item?.redemption_count === n + 1;
        }),
      );
    }
    const started = performance.now();
    const statuses: Record<number, number> = {};
    await runConcurrently(Array.from({ length: 5000 }), CONCURRENCY, async () => {
      const { status } = await couponApi.create(couponBody({ merchant: "Lag load" }));
      statuses[status] = (statuses[status] ?? 0) + 1;
    });
    const loadSeconds = (performance.now() - started) / 1000;
    await runner.caughtUp();
    const behindSeconds = (performance.now() - started) / 1000 - loadSeconds;
    console.log("\nlists kept by the stream: lag from the write's answer until a list shows it");
    console.table([lagRow("a creation", creates), lagRow("a redemption's count", counted)]);
    console.log(
      `5,000 creates at concurrency ${CONCURRENCY} (${JSON.stringify(statuses)}): ${round(5000 / loadSeconds, 1)} creates/s; the lists caught up ${round(behindSeconds, 1)} s after the last answer, having listed ${round(5000 / (loadSeconds + behindSeconds), 1)} coupons/s`,
    );
  } finally {
    await runner?.stop();
  }
}

export default async function coupons() {
  console.log("### near");
  await nearBench();
  console.log("\n### redemptions");
  await redemptionBench();
  console.log("\n### lists kept by the stream");
  await listingLagBench();
}
