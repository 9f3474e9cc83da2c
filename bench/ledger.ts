// Ledger figures: postings/s through the handlers at concurrency 32 over 100 accounts next to
// the same TransactWriteItems issued directly; the hot wallet (16 at once on one account) and
// its attempts per posting; analytics latency and requests at 10 and 5,000 transactions.
import { randomUUID } from "node:crypto";
import { TransactWriteCommand } from "@aws-sdk/lib-dynamodb";
import { findAccount } from "#accounts/store/account-store";
import type { PostingInput } from "#ledger/api/schemas";
import { ledgerCurrency } from "#ledger/core/currency";
import { emptyWallet, utcDate, type Wallet } from "#ledger/core/wallet";
import { decidePosting } from "#ledger/post-transaction";
import { ledgerKeys } from "#ledger/store/keys";
import { postingItems } from "#ledger/store/posting-items";
import { db, requestCounter } from "#platform/db/client";
import { requestFingerprint } from "#platform/idempotency/fingerprint";
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

async function hotWallet() {
  console.log(
    `\n### hot wallet: ${HOT_POSTINGS} credits, concurrency ${HOT_CONCURRENCY}, one account`,
  );
  const account = await newLedgerAccount();
  const statuses: Record<number, number> = {};
  const times: number[] = [];
  requestCounter.reset();
  const started = performance.now();
  await runConcurrently(
    Array.from({ length: HOT_POSTINGS }, (_, i) => i),
    HOT_CONCURRENCY,
    async (i) => {
      const begun = performance.now();
      const response = await ledgerApi.post(account, {
        type: "credit",
        amount: formatCents(credit(i).amount),
      });
      times.push(performance.now() - begun);
      statuses[response.status] = (statuses[response.status] ?? 0) + 1;
    },
  );
  const seconds = (performance.now() - started) / 1000;
  const posted = statuses[201] ?? 0;
  const attempts = requestCounter.byCommand.TransactWriteItemsCommand ?? 0;
  const analytics = await ledgerApi.analytics(account);
  console.table([
    {
      "postings/s": round(posted / seconds, 1),
      "attempts/posting": round(attempts / posted),
      "reads/posting": round((requestCounter.byCommand.BatchGetItemCommand ?? 0) / posted),
      "p50 ms": round(median(times), 1),
      "p99 ms": round(quantile(times, 0.99), 1),
      statuses: JSON.stringify(statuses),
    },
  ]);
  console.log(
    `wallet after: ${analytics.body.transaction_count} transactions, balance ${analytics.body.balance}`,
  );
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
  await spreadOverAccounts();
  await hotWallet();
  await analyticsReads();
}
