// Ledger figures: the hot wallet (16 clients on one account: postings/s, attempts per posting,
// p99), two writers on one wallet (max latency), a long burst of 1,500 at concurrency 8 (no
// request over 10 s, every answer 201 or an honest 503), each run's outcome checked against
// the wallet; postings/s through the handlers at concurrency 32 over 100 accounts next to the
// same TransactWriteItems issued directly; analytics latency and requests at 10 and 5,000
// transactions.
import { randomUUID } from "node:crypto";
import { GetCommand, TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { findAccount } from "#accounts/store/account-store";
import type { PostingInput } from "#ledger/api/schemas";
import { ledgerCurrency } from "#ledger/core/currency";
import { emptyWallet, utcDate, type Wallet } from "#ledger/core/wallet";
import { decidePosting } from "#ledger/post-transaction";
import { ledgerKeys } from "#ledger/store/keys";
import { postingItems } from "#ledger/store/posting-items";
import { db, requestCounter, tableName } from "#platform/db/client";
import { requestFingerprint } from "#platform/idempotency/fingerprint";
import { idempotencyRecordKey } from "#platform/idempotency/record";
import { formatCents } from "#platform/money/cents";
import { ledgerApi, newLedgerAccount } from "../test/support/ledger-calls";
import { seedLedger } from "../test/support/ledger-seed";
import { median, quantile, runConcurrently } from "./stats";

const CONCURRENCY = 32;
const ACCOUNTS = 100;
const POSTINGS = 1000;
const HOT_CONCURRENCY = 16;
const HOT_POSTINGS = 320;
const ANALYTICS_READS = 300;

const round = (value: number, digits = 2) => Number(value.toFixed(digits));
const credit = (i: number): PostingInput => ({ type: "credit", amount: 100 + (i % 900) });
/** Fresh accounts, a few at a time (a fresh DynamoDB Local is slow to take 100 connections). */
async function newAccounts(count: number) {
  const accounts: string[] = [];
  await runConcurrently(Array.from({ length: count }), 8, async () => {
    accounts.push(await newLedgerAccount());
  });
  return accounts;
}

/**
 * Runs `count` postings with `CONCURRENCY` workers, worker w posting in turn to the accounts
 * it owns (those with index ≡ w mod CONCURRENCY): the same load shape for both runs, and no
 * two postings on one wallet at once.
 */
async function spread(
  accounts: string[],
  count: number,
  post: (account: string, i: number) => Promise<void>,
) {
  const started = performance.now();
  await runConcurrently(
    Array.from({ length: CONCURRENCY }, (_, w) => w),
    CONCURRENCY,
    async (w) => {
      const owned = accounts.filter((_, a) => a % CONCURRENCY === w);
      for (let i = w; i < count; i += CONCURRENCY) {
        await post(owned[Math.floor(i / CONCURRENCY) % owned.length] as string, i);
      }
    },
  );
  return count / ((performance.now() - started) / 1000);
}

/** Postings through the `POST …/transactions` handler. */
async function throughHandlers(accounts: string[]) {
  const statuses: Record<number, number> = {};
  requestCounter.reset();
  const rate = await spread(accounts, POSTINGS, async (account, i) => {
    const input = credit(i);
    const response = await ledgerApi.post(account, { ...input, amount: formatCents(input.amount) });
    statuses[response.status] = (statuses[response.status] ?? 0) + 1;
  });
  return { rate, statuses, byCommand: { ...requestCounter.byCommand } };
}

/**
 * The posting's very TransactWriteItems, built by the domain's own planner from state kept in
 * memory, issued directly: no read, no validation, no handler.
 */
async function direct(accounts: string[]) {
  const records = new Map(
    await Promise.all(accounts.map(async (id) => [id, await findAccount(id)] as const)),
  );
  const wallets = new Map<string, Wallet>();
  const days = new Map<string, number>();
  return spread(accounts, POSTINGS, async (accountId, i) => {
    const account = records.get(accountId);
    if (!account) throw new Error(`no account ${accountId}`);
    const nowMs = Date.now();
    const date = utcDate(nowMs);
    const wallet = wallets.get(accountId) ?? emptyWallet(accountId, ledgerCurrency);
    const dayCount = days.get(`${accountId}#${date}`) ?? 0;
    const input = credit(i);
    const ref = { scope: ledgerKeys.partition(accountId), key: randomUUID() };
    const request = {
      input,
      occurredAtMs: nowMs,
      idempotency: { ref, fingerprint: requestFingerprint("bench", input) },
    };
    const posting = decidePosting(request, account, { wallet, dayCount }, nowMs);
    if (typeof posting === "string") throw new Error(posting);
    await db.send(
      new TransactWriteCommand({ TransactItems: Object.values(postingItems(posting)) }),
    );
    wallets.set(accountId, posting.plan.after.wallet);
    days.set(`${accountId}#${date}`, posting.plan.after.dayCount);
  });
}

async function spreadOverAccounts() {
  console.log(
    `### postings: ${POSTINGS} per run, concurrency ${CONCURRENCY}, ${ACCOUNTS} accounts`,
  );
  // DynamoDB Local's JVM keeps warming up: one direct run is discarded, then the direct rate is
  // measured before and after the handlers and the faster one is used (as for raffle claims).
  await direct(await newAccounts(ACCOUNTS));
  const directBefore = await direct(await newAccounts(ACCOUNTS));
  const handlers = await throughHandlers(await newAccounts(ACCOUNTS));
  const directAfter = await direct(await newAccounts(ACCOUNTS));
  console.table([
    {
      what: "same TransactWriteItems issued directly (before)",
      per_second: round(directBefore, 1),
    },
    { what: "postings through the handlers", per_second: round(handlers.rate, 1) },
    { what: "same TransactWriteItems issued directly (after)", per_second: round(directAfter, 1) },
  ]);
  console.log(
    `responses: ${JSON.stringify(handlers.statuses)}; requests: ${JSON.stringify(handlers.byCommand)}`,
  );
  console.log(
    `ratio handlers / faster direct run: ${round(handlers.rate / Math.max(directBefore, directAfter))} (target >= 0.7)`,
  );
}

/** One posting's answer as the hot-wallet runs record it. */
interface Answer {
  status: number;
  ms: number;
  key: string;
  cents: number;
  retryAfter: string | undefined;
}

/** `count` credits to one new wallet from `clients` clients at once, each answer recorded. */
async function postHot(count: number, clients: number) {
  const account = await newLedgerAccount();
  const answers: Answer[] = [];
  requestCounter.reset();
  const started = performance.now();
  await runConcurrently(
    Array.from({ length: count }, (_, i) => i),
    clients,
    async (i) => {
      const key = randomUUID();
      const cents = credit(i).amount;
      const begun = performance.now();
      const response = await ledgerApi.post(
        account,
        { type: "credit", amount: formatCents(cents) },
        { key },
      );
      answers.push({
        status: response.status,
        ms: performance.now() - begun,
        key,
        cents,
        retryAfter: response.headers["retry-after"],
      });
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const attempts = requestCounter.byCommand.TransactWriteItemsCommand ?? 0;
  return { account, answers, seconds, attempts };
}

const statusCounts = (answers: Answer[]) =>
  JSON.stringify(
    answers.reduce<Record<number, number>>((counts, { status }) => {
      counts[status] = (counts[status] ?? 0) + 1;
      return counts;
    }, {}),
  );

/**
 * What a hot-wallet run left behind, checked: the wallet holds exactly the 201s (count and
 * balance), every 503 carries Retry-After and its key stored nothing, every answer is 201 or 503.
 */
async function checkOutcome(account: string, answers: Answer[]) {
  const posted = answers.filter((a) => a.status === 201);
  const unavailable = answers.filter((a) => a.status === 503);
  const other = answers.length - posted.length - unavailable.length;
  const analytics = (await ledgerApi.analytics(account)).body;
  const sum = posted.reduce((total, a) => total + a.cents, 0);
  let storedFor503 = 0;
  for (const answer of unavailable) {
    const record = await db.send(
      new GetCommand({
        TableName: tableName,
        Key: idempotencyRecordKey({ scope: ledgerKeys.partition(account), key: answer.key }),
        ConsistentRead: true,
      }),
    );
    if (record.Item) storedFor503++;
  }
  return {
    "other answers": other,
    "503 without Retry-After": unavailable.filter((a) => !a.retryAfter).length,
    "503 that stored": storedFor503,
    "balance = sum of 201s": analytics.balance === formatCents(sum),
    "transactions = 201s": analytics.transaction_count === posted.length,
  };
}

/** Runs `count` credits from `clients` clients on one account and prints the run's row and checks. */
async function hotRun(count: number, clients: number, extra: (row: HotRow) => object = () => ({})) {
  const run = await postHot(count, clients);
  const posted = run.answers.filter((a) => a.status === 201).length;
  const times = run.answers.map((a) => a.ms);
  const row = { posted, times };
  console.table([
    {
      "postings/s": round(posted / run.seconds, 1),
      "attempts/posting": round(run.attempts / posted),
      ...extra(row),
      "p50 ms": round(median(times), 1),
      "p99 ms": round(quantile(times, 0.99), 1),
      "max ms": round(Math.max(...times), 1),
      statuses: statusCounts(run.answers),
    },
  ]);
  console.table([await checkOutcome(run.account, run.answers)]);
}

interface HotRow {
  posted: number;
  times: number[];
}

async function hotWallet() {
  console.log(
    `\n### hot wallet: ${HOT_POSTINGS} credits, ${HOT_CONCURRENCY} clients, one account (targets: >= 60 postings/s, <= 1.3 attempts/posting, p99 <= 1 s)`,
  );
  await hotRun(HOT_POSTINGS, HOT_CONCURRENCY, ({ posted }) => ({
    "reads/posting": round((requestCounter.byCommand.BatchGetItemCommand ?? 0) / posted),
  }));
}

async function twoWriters() {
  console.log(`\n### two writers: 2 clients x 300 credits on one account (target: max <= 1 s)`);
  await hotRun(600, 2);
}

async function longBurst() {
  console.log(
    "\n### long burst: 1,500 credits at concurrency 8 on one account (targets: no request over 10 s; 201 or 503 + Retry-After, nothing stored for a 503; balance = sum of 201s)",
  );
  await hotRun(1500, 8, ({ times }) => ({
    "over 10 s": times.filter((ms) => ms > 10_000).length,
  }));
}

async function analyticsReads() {
  console.log(`\n### analytics: ${ANALYTICS_READS} reads one after another per account`);
  const rows = [];
  for (const history of [10, 5_000]) {
    const account = await newLedgerAccount();
    const seedStarted = performance.now();
    await seedLedger(account, history);
    const seedSeconds = (performance.now() - seedStarted) / 1000;
    for (let i = 0; i < 20; i++) await ledgerApi.analytics(account);
    const times: number[] = [];
    requestCounter.reset();
    for (let i = 0; i < ANALYTICS_READS; i++) {
      const started = performance.now();
      const response = await ledgerApi.analytics(account);
      times.push(performance.now() - started);
      if (response.body.transaction_count !== history) throw new Error("analytics disagree");
    }
    rows.push({
      transactions: history,
      "seeded in s": round(seedSeconds, 1),
      "requests/read": round(requestCounter.total / ANALYTICS_READS),
      "by command": JSON.stringify(requestCounter.byCommand),
      "p50 ms": round(median(times), 2),
      "p99 ms": round(quantile(times, 0.99), 2),
    });
  }
  console.table(rows);
}

/** Prints the ledger figures. */
export default async function ledger() {
  await hotWallet();
  await twoWriters();
  await longBurst();
  await spreadOverAccounts();
  await analyticsReads();
}
